#!/usr/bin/env bash
# Redis with failover, measured: builds the solution in Release, starts a private Redis primary with two replicas and
# three sentinels (down-after 1 s), and runs the server on it through Sentinel (Redis__ConnectionString with
# serviceName=). Two parts, both with Redis:WaitForReplicas 0 (off) and 1, on this one machine:
#   1. the cost of WAIT: the closed-loop Direct Line benchmark against each (turns/s, p99, Redis calls and CPU a turn);
#   2. a failover: the failover benchmark kills the primary (SIGKILL) under load and reports the gap, the refused
#      POSTs and the acknowledged messages lost; a fresh Redis group for each.
#   bench/run-failover.sh [--conversations N] [--duration S] [--warmup S]   (part 1; defaults 20, 20, 15)
#   bench/run-failover.sh --failover-only                                    (part 2 only)
#   BENCH_FAILOVER_CONVERSATIONS=20 BENCH_SKIP_BUILD=1 BENCH_REDIS_PORT=6420 BENCH_SENTINEL_PORT=26420 BENCH_SERVER_PORT=5090
#   BENCH_KEEP_LOGS=DIR   copies each failover run's server, Redis and sentinel logs into DIR
#   BENCH_REDIS_OPTIONS=connectTimeout=1000   more StackExchange.Redis options for the servers' connection string
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

service=supportbot
group_pids=()
primary_port=""

group_stop() {
  for pid in "${group_pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  group_pids=()
}
trap 'group_stop; bench_cleanup' EXIT

# group_start: primary, two replicas, three sentinels on free ports; sets $redis_connection and $primary_port.
group_start() {
  local dir="$work/group-$RANDOM" port sentinels=() replicas=()
  mkdir -p "$dir"
  primary_port="$(bench_free_port "${BENCH_REDIS_PORT:-6420}")"
  redis_node "$dir" "$primary_port"
  for _ in 1 2; do
    port="$(bench_free_port $((primary_port + 1)))"
    redis_node "$dir" "$port" --replicaof 127.0.0.1 "$primary_port"
    replicas+=("$port")
  done
  port="${BENCH_SENTINEL_PORT:-26420}"
  for _ in 1 2 3; do
    port="$(bench_free_port "$port")"
    printf 'port %s\nbind 127.0.0.1\ndir %s\nsentinel monitor %s 127.0.0.1 %s 2\nsentinel down-after-milliseconds %s 1000\nsentinel failover-timeout %s 3000\n' \
      "$port" "$dir" "$service" "$primary_port" "$service" "$service" >"$dir/sentinel-$port.conf"
    redis-sentinel "$dir/sentinel-$port.conf" --logfile "$dir/sentinel-$port.log" &
    group_pids+=($!)
    sentinels+=("127.0.0.1:$port")
    port=$((port + 1))
  done
  # Ready when every sentinel sees both replicas and the two other sentinels.
  for _ in $(seq 200); do
    local ready=1
    for s in "${sentinels[@]}"; do
      local info
      info="$(redis-cli -p "${s#*:}" SENTINEL master "$service" 2>/dev/null | paste - - | tr '\t' ' ')"
      grep -q '^num-slaves 2$' <<<"$info" && grep -q '^num-other-sentinels 2$' <<<"$info" || ready=""
    done
    [[ -n "$ready" ]] && break
    sleep 0.1
  done
  redis_connection="$(IFS=,; echo "${sentinels[*]}"),serviceName=${service}${BENCH_REDIS_OPTIONS:+,$BENCH_REDIS_OPTIONS}"
  echo "Redis primary 127.0.0.1:${primary_port}, replicas ${replicas[*]}, sentinels ${sentinels[*]}." >&2
}

# redis_node DIR PORT [ARGS...]: a redis-server in the foreground of a background job, nothing saved.
redis_node() {
  local dir="$1" port="$2"
  shift 2
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no --repl-diskless-sync-delay 0 \
    --logfile "$dir/redis-$port.log" "$@" &
  group_pids+=($!)
  eval "pid_$port=$!"
  for _ in $(seq 50); do redis-cli -p "$port" PING >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis-server on ${port} did not start (see ${dir}/redis-${port}.log)." >&2
  exit 1
}

conversations=20 duration=20 warmup=15 failover_only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --conversations) conversations="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --failover-only) failover_only=1; shift ;;
    *) echo "Unknown option $1 (see the top of $0)." >&2; exit 2 ;;
  esac
done
command -v redis-sentinel >/dev/null || { echo "redis-sentinel is not installed (apt-get install redis-sentinel)." >&2; exit 2; }

bench_build
for wait in 0 1; do
  [[ -n "$failover_only" ]] && break
  [[ "$wait" == 0 ]] && group_start
  echo "== cost of WAIT: Redis:WaitForReplicas=${wait}, closed loop, ${conversations} conversations ==" >&2
  bench_server 5090 Redis__WaitForReplicas="$wait"
  echo "Redis:WaitForReplicas=${wait}"
  bench_client directline --url "$url" --secret bench-secret --conversations "$conversations" --rate 0 \
    --duration "$duration" --warmup "$warmup" --server-pid "$server_pid" --redis-info "127.0.0.1:${primary_port}"
  bench_stop
done
group_stop

for wait in 0 1; do
  group_start
  echo "== failover: Redis:WaitForReplicas=${wait} ==" >&2
  bench_server 5090 Redis__WaitForReplicas="$wait"
  echo "Redis:WaitForReplicas=${wait}"
  victim="pid_${primary_port}"
  bench_client failover --url "$url" --secret bench-secret --conversations "${BENCH_FAILOVER_CONVERSATIONS:-20}" \
    --kill-pid "${!victim}" --kill-after 5 --after 10
  if [[ -n "${BENCH_KEEP_LOGS:-}" ]]; then
    mkdir -p "$BENCH_KEEP_LOGS/wait-$wait" && cp "$work/server.log" "$work"/group-*/*.log "$BENCH_KEEP_LOGS/wait-$wait/"
    rm -rf "$work"/group-*
  fi
  bench_stop
  group_stop
done

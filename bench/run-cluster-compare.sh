#!/usr/bin/env bash
# One process against several behind nginx, under the same load, side by side: for each count in PROCESSES (1 3) a
# fresh Redis, that many fresh SupportBot processes (each warms itself up before /healthz) and nginx in front of them
# (deploy/start-nginx.sh, the deployment's configuration), then the Direct Line benchmark through nginx (2,000
# conversations, open loop at 1,000 turns/s, 30 s measured after 30 s of warm-up), watching every process's CPU
# (/proc, summed) and Redis. Prints one table, a column a count: latency, errors, late sends, and server CPU per turn
# in µs over all the processes. Two counts: about 3.5 minutes (estimated: startup, setup and 60 s of load each).
#   bench/run-cluster-compare.sh                     1 process against 3: latency through nginx (issue 16)
#   bench/run-cluster-compare.sh 1 4                 1 against 4: server CPU per turn, the cost of scale-out
#   bench/run-cluster-compare.sh 1 3 -- --rate 500   after --, options for the benchmark (last value wins)
#   BENCH_SKIP_BUILD=1, BENCH_REDIS_PORT (6391), BENCH_SERVER_PORT (5090), BENCH_NGINX_PORT (8090)
#   BENCH_KEEP_LOGS=DIR   keeps each run's report, server and nginx logs in DIR/N-processes
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

counts=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  [[ "$1" =~ ^[1-9][0-9]?$ ]] || { echo "usage: $0 [PROCESSES...] [-- benchmark options]" >&2; exit 2; }
  counts+=("$1")
  shift
done
[[ "${1:-}" == "--" ]] && shift
[[ ${#counts[@]} -ge 2 ]] || counts=(1 3)
command -v redis-server >/dev/null || { echo "redis-server is needed." >&2; exit 2; }
command -v nginx >/dev/null || { echo "nginx is needed (apt-get install nginx)." >&2; exit 2; }

bench_build
columns=()
for count in "${counts[@]}"; do
  label="$count process"
  [[ "$count" -gt 1 ]] && label+="es"
  echo "== ${label} behind nginx ==" >&2
  bench_redis 6391
  bench_servers "$count" 5090
  bench_nginx 8090
  bench_client directline --url "$url" --conversations 2000 --rate 1000 --duration 30 --warmup 30 "$@" \
    --server-pid "$(IFS=,; echo "${server_pids[*]}")" --redis-info "$redis_connection" --json >"$work/run-${count}.json"
  if [[ -n "${BENCH_KEEP_LOGS:-}" ]]; then
    mkdir -p "$BENCH_KEEP_LOGS/${count}-processes"
    cp "$work/run-${count}.json" "$work"/server-*.log "$work/nginx/error.log" "$BENCH_KEEP_LOGS/${count}-processes/"
  fi
  bench_stop
  rm -rf "$work/nginx" "$work"/server-*.log
  columns+=("${label}=$work/run-${count}.json")
done
bench_run columns "${columns[@]}"

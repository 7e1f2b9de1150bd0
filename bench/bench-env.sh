# Shared by the bench/run-*.sh scripts (sourced, not run): a private Redis and a private server on free ports,
# both stopped whatever happens, and the benchmark run so that a TERM stops everything at once.
# After sourcing: $repo, $work; bench_build, bench_redis, bench_server, bench_bare_server, bench_servers, bench_nginx,
# bench_stop, bench_client, bench_run. BENCH_REDIS_PORT, BENCH_SERVER_PORT and BENCH_NGINX_PORT move the first ports
# tried.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
server_pids=()
server_urls=()
nginx_pid=""
bench_pid=""
redis_started=""
redis_connection=""
url=""

# Stops nginx, the servers and Redis this script started, so the next run starts fresh.
bench_stop() {
  local pid
  for pid in $nginx_pid $server_pid "${server_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $nginx_pid $server_pid "${server_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  nginx_pid="" server_pid="" server_pids=() server_urls=()
  if [[ -n "$redis_started" && -s "$work/redis.pid" ]]; then
    local redis_pid
    redis_pid="$(cat "$work/redis.pid")"
    kill "$redis_pid" 2>/dev/null || true
    # Redis is not our child, so 'wait' cannot be used; give it a moment to finish shutting down.
    for _ in $(seq 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$work/redis.pid"
  fi
  redis_started=""
}

bench_cleanup() {
  if [[ -n "$bench_pid" ]] && kill -0 "$bench_pid" 2>/dev/null; then
    kill "$bench_pid" 2>/dev/null || true
  fi
  bench_stop
  rm -rf "$work"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# The first port from $1 on that nothing on this machine listens on (so nobody else's server gets measured).
bench_free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

bench_build() {
  if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    echo "Building the solution (Release) ..." >&2
    dotnet build -c Release "$repo/SupportBot.sln" -nologo -v quiet >&2
  fi
}

# Starts a throwaway redis-server (nothing saved) from port $1 on; sets $redis_connection.
bench_redis() {
  local port
  port="$(bench_free_port "${BENCH_REDIS_PORT:-$1}")"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  redis_started=1
  for _ in $(seq 50); do [[ -s "$work/redis.pid" ]] && break; sleep 0.1; done
  redis_connection="127.0.0.1:${port}"
  echo "Redis on ${redis_connection} (private, nothing saved)." >&2
}

# Starts the Release server from port $1 on with the settings that follow (NAME=value ...), on $redis_connection
# when set, then BENCH_SERVER_ENV's words (NAME=value ..., this build's server only: with --vs-before the other build
# runs without them, which makes a same-build A/B of a runtime setting); waits for /healthz. Sets $url, $server_pid.
bench_server() {
  # As run.sh starts it (scripts/prerequisites.sh): hot methods re-optimised without waiting for a lull.
  # shellcheck disable=SC2086 # BENCH_SERVER_ENV is a list of NAME=value words
  bench_start_dll "$repo/src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll" "$repo/src/SupportBot.Web" "$1" \
    DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}" "${@:2}" ${BENCH_SERVER_ENV:-}
}

# The same for the bare-turn baseline (bench/SupportBot.BareTurn), with the same settings, and the thread pool's spin
# limit SupportBot.Web's runtimeconfig sets (10 unless DOTNET_ThreadPool_UnfairSemaphoreSpinLimit is in the environment).
bench_bare_server() {
  bench_start_dll "$repo/bench/SupportBot.BareTurn/bin/Release/net10.0/SupportBot.BareTurn.dll" "$repo/bench/SupportBot.BareTurn" "$@" \
    DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-10}"
}

# bench_start_dll DLL CONTENT_ROOT PORT [NAME=value ...]: one server, started and answering /healthz.
bench_start_dll() {
  bench_launch_dll "$1" "$2" "$(bench_free_port "${BENCH_SERVER_PORT:-$3}")" "$work/server.log" "${@:4}"
  bench_wait_healthy "$url" "$server_pid" "$work/server.log"
}

# bench_servers COUNT PORT [NAME=value ...]: COUNT SupportBot processes on one Redis, started at once (each warms up
# on its own) on free ports from PORT up, logs in $work/server-N.log; returns when all answer /healthz. Sets
# $server_pids and $server_urls; bench_stop stops them. BENCH_WEB_DLL runs another build (an older checkout's).
bench_servers() {
  local count="$1" port="${BENCH_SERVER_PORT:-$2}" i
  shift 2
  for i in $(seq "$count"); do
    port="$(bench_free_port "$port")"
    bench_launch_dll "${BENCH_WEB_DLL:-$repo/src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll}" "$repo/src/SupportBot.Web" "$port" \
      "$work/server-$i.log" DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}" "$@"
    server_pids+=("$server_pid")
    server_urls+=("$url")
    server_pid=""
    port=$((port + 1))
  done
  for i in $(seq "$count"); do
    bench_wait_healthy "${server_urls[$((i - 1))]}" "${server_pids[$((i - 1))]}" "$work/server-$i.log"
  done
}

# bench_nginx PORT: nginx (deploy/start-nginx.sh, the deployment's configuration) in front of $server_urls, on a free
# port from PORT up; returns when /healthz answers through it. Sets $url to nginx's and $nginx_pid.
bench_nginx() {
  local port upstreams=() u
  port="$(bench_free_port "${BENCH_NGINX_PORT:-$1}")"
  for u in "${server_urls[@]}"; do upstreams+=("${u#http://}"); done
  "$repo/deploy/start-nginx.sh" "$work/nginx" "127.0.0.1:${port}" "${upstreams[@]}" >"$work/nginx.out" 2>&1 &
  nginx_pid=$!
  url="http://127.0.0.1:${port}"
  echo "nginx on ${url} in front of ${#upstreams[@]} process(es)." >&2
  bench_wait_healthy "$url" "$nginx_pid" "$work/nginx.out"
}

# bench_launch_dll DLL CONTENT_ROOT PORT LOG [NAME=value ...]: starts a server in the background; sets $url, $server_pid.
# launch_nice=N before the call starts the process (every thread of it) at nice value N.
bench_launch_dll() {
  local dll="$1" content_root="$2" port="$3" log="$4"
  shift 4
  url="http://127.0.0.1:${port}"
  echo "Starting $(basename "$dll" .dll) on ${url} ..." >&2
  # The load drives each conversation far faster than a person types, from one address: lift the per-client and
  # per-conversation rate limits, which would otherwise measure the limiter instead of a turn.
  # Each server gets a fresh archive of its own in $work: run.sh's .run/archive.db is a person's desk, and an
  # archive grown by earlier runs would make each run slower than the last.
  # Every server, the bare one too, with the gen0 budget scripts/prerequisites.sh gives run.sh's (BENCH_SERVER_ENV or
  # DOTNET_GCgen0size=0 in the environment for the runtime's own choice).
  env ASPNETCORE_ENVIRONMENT=Production Redis__ConnectionString="$redis_connection" DirectLine__Secret=bench-secret \
    DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x1000000}" \
    Archive__SqlitePath="$work/archive-${port}-$RANDOM.db" \
    Widget__SessionsPerMinutePerClient=100000 Limits__ActivitiesPerMinute=1000000 \
    Limits__ConversationsPerMinutePerSecret=1000000 Limits__TokenRefreshesPerMinute=100000 \
    Agents__SignInsPerMinutePerClient=100000 Logging__LogLevel__Default=Warning "$@" \
    ${launch_nice:+nice -n "$launch_nice"} dotnet "$dll" --contentRoot "$content_root" --urls "$url" >"$log" 2>&1 &
  server_pid=$!
}

# bench_wait_healthy URL PID LOG: until URL/healthz answers 200; exits showing LOG if PID dies or 60 s pass.
bench_wait_healthy() {
  # Polled often: a cold run starts from the first answer.
  for _ in $(seq 600); do
    if curl -fsS -o /dev/null "$1/healthz" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "GET ${1}/healthz did not answer 200 within 60 s. The log ($3):" >&2
  tail -n 40 "$3" >&2
  exit 1
}

# Runs the benchmark with the given arguments in the background and waits, so a TERM to the script stops
# everything at once instead of after the run; returns the benchmark's status.
bench_client() {
  set +e
  dotnet "$repo/bench/SupportBot.Bench/bin/Release/net10.0/SupportBot.Bench.dll" "$@" &
  bench_pid=$!
  wait "$bench_pid"
  local status=$?
  bench_pid=""
  set -e
  if [[ $status -ne 0 && -s "$work/server.log" ]]; then
    echo "The benchmark exited with ${status}. The server's last log lines:" >&2
    tail -n 20 "$work/server.log" >&2
  fi
  return "$status"
}

# bench_client, then exit with its status.
bench_run() {
  local status=0
  bench_client "$@" || status=$?
  exit "$status"
}

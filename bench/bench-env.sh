# Shared by the bench/run-*.sh scripts (sourced, not run): a private Redis and a private server on free ports,
# both stopped whatever happens, and the benchmark run so that a TERM stops everything at once.
# After sourcing: $repo, $work; bench_build, bench_redis, bench_server, bench_bare_server, bench_stop, bench_client,
# bench_run. BENCH_REDIS_PORT and BENCH_SERVER_PORT move the first ports tried.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
bench_pid=""
redis_started=""
redis_connection=""
url=""

# Stops the server and Redis this script started, so the next pair starts fresh.
bench_stop() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
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
# when set; waits for /healthz. Sets $url and $server_pid.
bench_server() {
  # As run.sh starts it (scripts/prerequisites.sh): hot methods re-optimised without waiting for a lull.
  bench_start_dll "$repo/src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll" "$repo/src/SupportBot.Web" "$1" \
    DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}" "${@:2}"
}

# The same for the bare-turn baseline (bench/SupportBot.BareTurn), with the same settings.
bench_bare_server() {
  bench_start_dll "$repo/bench/SupportBot.BareTurn/bin/Release/net10.0/SupportBot.BareTurn.dll" "$repo/bench/SupportBot.BareTurn" "$@"
}

# bench_start_dll DLL CONTENT_ROOT PORT [NAME=value ...]
bench_start_dll() {
  local dll="$1" content_root="$2" port
  port="$(bench_free_port "${BENCH_SERVER_PORT:-$3}")"
  shift 3
  url="http://127.0.0.1:${port}"
  echo "Starting $(basename "$dll" .dll) on ${url} ..." >&2
  # The load drives each conversation far faster than a person types, from one address: lift the per-client and
  # per-conversation rate limits, which would otherwise measure the limiter instead of a turn.
  # Each server gets a fresh archive of its own in $work: run.sh's .run/archive.db is a person's desk, and an
  # archive grown by earlier runs would make each run slower than the last.
  env ASPNETCORE_ENVIRONMENT=Production Redis__ConnectionString="$redis_connection" DirectLine__Secret=bench-secret \
    Archive__SqlitePath="$work/archive-${port}-$RANDOM.db" \
    Widget__SessionsPerMinutePerClient=100000 Limits__ActivitiesPerMinute=1000000 \
    Limits__ConversationsPerMinutePerSecret=1000000 Limits__TokenRefreshesPerMinute=100000 \
    Agents__SignInsPerMinutePerClient=100000 Logging__LogLevel__Default=Warning "$@" \
    dotnet "$dll" --contentRoot "$content_root" --urls "$url" >"$work/server.log" 2>&1 &
  server_pid=$!
  # Polled often: a cold run starts from the first answer.
  for _ in $(seq 300); do
    if curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "The server did not answer GET ${url}/healthz with 200 within 30 s. Its log:" >&2
  tail -n 40 "$work/server.log" >&2
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

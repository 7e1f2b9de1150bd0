#!/usr/bin/env bash
# Builds the solution in Release, starts a private Redis and the server (with auto-assignment on) on free ports of
# their own, runs the handoff delivery benchmark against them, and stops both whatever happens. Only the
# benchmark's report goes to stdout, so `--json > result.json` works.
#   bench/run-handoff.sh [bench options]      e.g. --agents 50 --customers 100, --rate 100, --json
#   BENCH_SKIP_BUILD=1 bench/run-handoff.sh   reuses the last Release build (quicker repeated runs)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="sb:"
work="$(mktemp -d)"
server_pid=""
bench_pid=""
redis_started=""

cleanup() {
  if [[ -n "$bench_pid" ]] && kill -0 "$bench_pid" 2>/dev/null; then
    kill "$bench_pid" 2>/dev/null || true
  fi
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "$redis_started" && -s "$work/redis.pid" ]]; then
    local redis_pid
    redis_pid="$(cat "$work/redis.pid")"
    kill "$redis_pid" 2>/dev/null || true
    # Redis is not our child, so 'wait' cannot be used; give it a moment to finish shutting down.
    for _ in $(seq 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The first port from $1 on that nothing on this machine listens on.
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

if ! command -v redis-server >/dev/null; then
  echo "redis-server is not installed: the handoff benchmark seeds its agent accounts in the server's Redis." >&2
  exit 1
fi

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  echo "Building the solution (Release) ..." >&2
  dotnet build -c Release "$repo/SupportBot.sln" -nologo -v quiet >&2
fi

redis_port="$(free_port 6392)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
redis_started=1
for _ in $(seq 50); do [[ -s "$work/redis.pid" ]] && break; sleep 0.1; done
redis_connection="127.0.0.1:${redis_port}"
echo "Redis on ${redis_connection} (private, nothing saved)." >&2

server_port="$(free_port 5091)"
url="http://127.0.0.1:${server_port}"
echo "Starting the server on ${url} (Handoff__AutoAssign=true) ..." >&2
ASPNETCORE_ENVIRONMENT=Production \
Redis__ConnectionString="$redis_connection" \
Redis__KeyPrefix="$prefix" \
DirectLine__Secret=bench-secret \
Handoff__AutoAssign=true \
Widget__SessionsPerMinutePerClient=100000 \
Agents__SignInsPerMinutePerClient=100000 \
Logging__LogLevel__Default=Warning \
  dotnet "$repo/src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll" \
    --contentRoot "$repo/src/SupportBot.Web" --urls "$url" >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 60); do
  if curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if ! curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; then
  echo "The server did not answer GET ${url}/healthz with 200 within 30 s. Its log:" >&2
  tail -n 40 "$work/server.log" >&2
  exit 1
fi

# Defaults first, so the script's arguments (last value wins) override them. Run in the background and wait, so
# that a TERM to this script stops everything at once instead of after the run.
set +e
dotnet "$repo/bench/SupportBot.Bench/bin/Release/net10.0/SupportBot.Bench.dll" handoff --url "$url" \
  --redis "$redis_connection" --prefix "$prefix" --agents 100 --customers 200 --duration 30 --warmup 5 "$@" &
bench_pid=$!
wait "$bench_pid"
status=$?
set -e
if [[ $status -ne 0 ]]; then
  echo "The benchmark exited with ${status}. The server's last log lines:" >&2
  tail -n 20 "$work/server.log" >&2
fi
exit "$status"

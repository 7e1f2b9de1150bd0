#!/usr/bin/env bash
# Builds the solution in Release, starts a private Redis and the server on ports of their own, runs the
# Direct Line load benchmark against them, and stops both whatever happens. Only the benchmark's report goes to
# stdout, so `--json > result.json` works.
#   bench/run-directline.sh [bench options]   e.g. --rate 0, --conversations 50, --json, --secret bench-secret
#   BENCH_STORE=memory bench/run-directline.sh   runs the server on its in-memory stores instead of Redis
#   BENCH_SKIP_BUILD=1 bench/run-directline.sh   reuses the last Release build (quicker repeated runs)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_port=5090
redis_port=6391
url="http://127.0.0.1:${server_port}"
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

# Someone else's server on our port would be measured instead of ours.
if curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; then
  echo "Port ${server_port} already answers; stop whatever runs there first." >&2
  exit 1
fi

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  echo "Building the solution (Release) ..." >&2
  dotnet build -c Release "$repo/SupportBot.sln" -nologo -v quiet >&2
fi

redis_connection=""
if [[ "${BENCH_STORE:-redis}" == "memory" ]]; then
  echo "BENCH_STORE=memory: the server runs on its in-memory stores." >&2
elif command -v redis-server >/dev/null; then
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  redis_started=1
  for _ in $(seq 50); do [[ -s "$work/redis.pid" ]] && break; sleep 0.1; done
  redis_connection="127.0.0.1:${redis_port}"
  echo "Redis on ${redis_connection} (private, nothing saved)." >&2
else
  echo "redis-server is not installed: the server runs on its in-memory stores." >&2
fi

echo "Starting the server on ${url} ..." >&2
ASPNETCORE_ENVIRONMENT=Production \
Redis__ConnectionString="$redis_connection" \
DirectLine__Secret=bench-secret \
Widget__SessionsPerMinutePerClient=100000 \
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
dotnet "$repo/bench/SupportBot.Bench/bin/Release/net10.0/SupportBot.Bench.dll" directline --url "$url" \
  --conversations 100 --rate 1000 --duration 30 --warmup 5 "$@" &
bench_pid=$!
wait "$bench_pid"

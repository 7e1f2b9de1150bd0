#!/usr/bin/env bash
# Runs SupportBot: the demo site with the chat widget at http://127.0.0.1:5080 (SUPPORTBOT_URLS to change).
# Uses Redis when it can (Redis__ConnectionString if set, else a local redis-server it installs and starts on
# SUPPORTBOT_REDIS_PORT, 6379 by default, keeping data in .run/redis), and the in-memory store otherwise; the server's
# first lines say which. It prints "open ..." once the server answers /healthz; Ctrl+C or SIGTERM stops the server,
# then the Redis it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

say "checking the prerequisites (.NET 10 SDK, Node.js)"
require_dotnet
require_node
npm_install src/SupportBot.Web
mkdir -p .run
# The conversation archive's SQLite file, unless PostgreSQL is set (Archive__ConnectionString) or another file is.
export Archive__SqlitePath="${Archive__SqlitePath:-$PWD/.run/archive.db}"

redis_port=${SUPPORTBOT_REDIS_PORT:-6379}
redis_started=""
if [ -z "${Redis__ConnectionString:-}" ]; then
  if redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    say "using the Redis already running on port $redis_port"
    export Redis__ConnectionString=127.0.0.1:$redis_port
  elif command -v redis-server >/dev/null 2>&1 || apt_install redis-server; then
    say "starting Redis on port $redis_port (data in .run/redis)"
    if start_redis "$redis_port" "$PWD/.run/redis" persist; then
      redis_started=1
      export Redis__ConnectionString=127.0.0.1:$redis_port
    else
      say "redis-server did not start (see .run/redis/redis.log): using the in-memory store"
    fi
  else
    say "redis-server is not available: using the in-memory store (conversations end with the process)"
  fi
fi

server=""
# Set up as soon as Redis may have been started, so a build that fails or a Ctrl+C or SIGTERM during it still stops
# that Redis. The server first, so nothing is left talking to a Redis that is gone; then the Redis this script started. A second
# Ctrl+C or SIGTERM meanwhile ends the server at once instead of waiting for it; Redis is still stopped after it.
stop() {
  trap 'kill -KILL "$server" 2>/dev/null || true' INT TERM
  trap - EXIT
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    say "stopping SupportBot"
    kill -TERM "$server" 2>/dev/null || true
    wait_gone "$server"
  fi
  if [ -n "$redis_started" ]; then
    say "stopping Redis"
    stop_redis "$PWD/.run/redis"
  fi
}
trap 'stop; exit 143' TERM
trap 'stop; exit 130' INT
trap stop EXIT

directline_secret .run
demo_agents .run

say "building SupportBot (Release; the first build takes a minute or two, later ones seconds)"
dotnet build src/SupportBot.Web -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null || die "the build failed: run 'dotnet build src/SupportBot.Web -c Release' to see why"

urls=${SUPPORTBOT_URLS:-http://127.0.0.1:5080}
url=${urls%%;*}
say "starting SupportBot on $urls"
(cd src/SupportBot.Web && exec dotnet bin/Release/net10.0/SupportBot.Web.dll --urls "$urls") &
server=$!

ready=""
for _ in $(seq 120); do
  if curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null; then
    ready=1
    say "SupportBot is ready: open $url in a browser; the Direct Line secret is in .run/directline-secret"
    [ -n "${agents_note:-}" ] && say "$agents_note"
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
[ -n "$ready" ] || ! kill -0 "$server" 2>/dev/null || say "SupportBot does not answer $url/healthz yet: its log above says why"
wait "$server"

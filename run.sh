#!/usr/bin/env bash
# Runs SupportBot: the demo site with the chat widget at http://127.0.0.1:5080 (SUPPORTBOT_URLS to change).
# Uses Redis when it can (Redis__ConnectionString if set, else a local redis-server it installs and starts,
# keeping data in .run/redis), and the in-memory store otherwise; the server's first lines say which.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

require_dotnet
require_node
npm_install src/SupportBot.Web
mkdir -p .run

if [ -z "${Redis__ConnectionString:-}" ]; then
  if redis-cli -p 6379 ping >/dev/null 2>&1; then
    export Redis__ConnectionString=127.0.0.1:6379
  elif command -v redis-server >/dev/null 2>&1 || apt_install redis-server; then
    if start_redis 6379 "$PWD/.run/redis" persist; then
      trap 'stop_redis "$PWD/.run/redis"' EXIT
      export Redis__ConnectionString=127.0.0.1:6379
    else
      say "redis-server did not start (see .run/redis/redis.log): using the in-memory store"
    fi
  else
    say "redis-server is not available: using the in-memory store (conversations end with the process)"
  fi
fi

# A Direct Line secret for tokens/generate: yours, or one made once for this checkout.
if [ -z "${DirectLine__Secret:-}" ]; then
  [ -s .run/directline-secret ] || head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > .run/directline-secret
  export DirectLine__Secret="$(cat .run/directline-secret)"
fi

urls=${SUPPORTBOT_URLS:-http://127.0.0.1:5080}
say "SupportBot on $urls — open it in a browser; the Direct Line secret is in .run/directline-secret"
dotnet run --project src/SupportBot.Web -c Release -- --urls "$urls"

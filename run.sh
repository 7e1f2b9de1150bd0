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

# Demo agents for the console at /agent/ (unless you configure your own): one password, made once for this checkout.
if [ -z "${Agents__Accounts__0__Id:-}" ]; then
  [ -s .run/agent-password ] || head -c 24 /dev/urandom | base64 | tr -d '/+=\n' | head -c 16 > .run/agent-password
  if [ ! -s .run/agent-password-hash ] || [ .run/agent-password -nt .run/agent-password-hash ]; then
    dotnet build src/SupportBot.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
    dotnet src/SupportBot.Cli/bin/Release/net10.0/supportbot.dll agents hash-password < .run/agent-password > .run/agent-password-hash
  fi
  hash="$(cat .run/agent-password-hash)"
  i=0
  for agent in "anna:Anna:supervisor,maintainer:" "somchai:Somchai:agent:th,en" "olga:Olga:agent:ru,en" "layla:Layla:agent:ar,en"; do
    IFS=: read -r id name role languages <<< "$agent"
    export "Agents__Accounts__${i}__Id=$id" "Agents__Accounts__${i}__Name=$name" "Agents__Accounts__${i}__PasswordHash=$hash"
    export "Agents__Accounts__${i}__Roles__0=agent"
    j=1
    for r in ${role//,/ }; do [ "$r" = agent ] || export "Agents__Accounts__${i}__Roles__${j}=$r"; j=$((j + 1)); done
    j=0
    for language in ${languages//,/ }; do export "Agents__Accounts__${i}__Languages__${j}=$language"; j=$((j + 1)); done
    i=$((i + 1))
  done
  agents_note="agent console at /agent/: sign in as anna (supervisor; maintainer page at /maintainer/), somchai, olga or layla with the password in .run/agent-password"
fi

urls=${SUPPORTBOT_URLS:-http://127.0.0.1:5080}
say "SupportBot on $urls — open it in a browser; the Direct Line secret is in .run/directline-secret"
[ -n "${agents_note:-}" ] && say "$agents_note"
dotnet run --project src/SupportBot.Web -c Release -- --urls "$urls"

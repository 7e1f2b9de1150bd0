#!/usr/bin/env bash
# Runs every SupportBot test: unit, server (against a real redis-server it starts), and end-to-end in headless
# Chromium. Installs what the tests need (redis-server, chromium, npm and NuGet packages) or says what is missing.
# Under CI=true, a missing Redis or browser fails the run instead of skipping tests.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

require_dotnet
require_node
if ! apt_install redis-server chromium python3-aiosmtpd; then
  [ "${CI:-}" = "true" ] && die "redis-server, chromium and python3-aiosmtpd are needed under CI and could not be installed."
  say "could not install redis-server/chromium: tests that need them will be skipped (they fail under CI=true)"
fi
# The failover tests start a primary, replicas and three sentinels of their own.
if ! apt_install redis-sentinel; then
  [ "${CI:-}" = "true" ] && die "redis-sentinel is needed under CI and could not be installed."
  say "could not install redis-sentinel: the Redis failover tests will be skipped (they fail under CI=true)"
fi
if ! apt_install postgresql; then
  [ "${CI:-}" = "true" ] && die "postgresql is needed under CI (the archive's server tests) and could not be installed."
  say "could not install postgresql: the archive's PostgreSQL tests will be skipped (they fail under CI=true)"
fi
# nginx: the tests that put it in front of three server processes (deploy/nginx.conf).
if ! apt_install nginx; then
  [ "${CI:-}" = "true" ] && die "nginx is needed under CI and could not be installed."
  say "could not install nginx: the tests through it will be skipped (they fail under CI=true)"
fi
npm_install src/SupportBot.Web
npm_install tests/e2e

work=$(mktemp -d "${TMPDIR:-/tmp}/supportbot-test.XXXXXX")
cleanup() { stop_redis "$work/redis"; stop_postgres "$work/postgres"; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "${SUPPORTBOT_TEST_REDIS:-}" ] && command -v redis-server >/dev/null 2>&1; then
  port=$(free_port)
  start_redis "$port" "$work/redis" || die "redis-server did not start (see $work/redis/redis.log)"
  export SUPPORTBOT_TEST_REDIS="127.0.0.1:$port"
  say "test Redis on $SUPPORTBOT_TEST_REDIS"
fi

if [ -z "${SUPPORTBOT_TEST_POSTGRES:-}" ]; then
  chmod 711 "$work" # as root the cluster runs as postgres, which must reach $work/postgres
  pg_port=$(free_port)
  if start_postgres "$pg_port" "$work/postgres"; then
    export SUPPORTBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=supportbot;Database=postgres"
    say "test PostgreSQL on 127.0.0.1:$pg_port"
  else
    [ "${CI:-}" = "true" ] && die "PostgreSQL did not start (see $work/postgres/initdb.log and postgres.log)."
    say "PostgreSQL did not start: the archive's PostgreSQL tests will be skipped"
  fi
fi

say "building (Release)"
dotnet build SupportBot.sln -c Release --nologo -v quiet -clp:ErrorsOnly

say "unit and server tests"
dotnet_status=0
dotnet test --solution SupportBot.sln -c Release --no-build 2>&1 | tee "$work/dotnet-test.log" || dotnet_status=$?

say "end-to-end tests (headless Chromium)"
e2e_status=0
(cd tests/e2e && SUPPORTBOT_WEB_DLL="$PWD/../../src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll" npm test 2>&1) | tee "$work/e2e.log" || e2e_status=$?

# The same browser tests once more through nginx in front of three processes on one Redis (deploy/nginx.conf).
: >"$work/e2e-cluster.log"
if [ -n "${SUPPORTBOT_TEST_REDIS:-}" ] && command -v nginx >/dev/null 2>&1; then
  say "end-to-end tests through nginx, three server processes"
  (cd tests/e2e && SUPPORTBOT_WEB_DLL="$PWD/../../src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll" npm run test:cluster 2>&1) | tee "$work/e2e-cluster.log" || e2e_status=$?
elif [ "${CI:-}" = "true" ]; then
  die "the browser tests through nginx need Redis and nginx under CI."
else
  say "no Redis or no nginx: the browser tests through nginx were skipped"
fi

# One closing line for both runners: the .NET totals plus node's.
count() { local n; n=$(grep -aE "$1" "$2" | tail -1 | grep -oE '[0-9]+' | tail -1 || true); echo "${n:-0}"; }
node_count() { echo $(( $(count "$1" "$work/e2e.log") + $(count "$1" "$work/e2e-cluster.log") )); }
passed=$(( $(count '^\s*succeeded:' "$work/dotnet-test.log") + $(node_count '^(#|ℹ) pass ') ))
failed=$(( $(count '^\s*failed:' "$work/dotnet-test.log") + $(node_count '^(#|ℹ) fail ') ))
skipped=$(( $(count '^\s*skipped:' "$work/dotnet-test.log") + $(node_count '^(#|ℹ) skipped ') ))
if [ "$dotnet_status" -ne 0 ] || [ "$e2e_status" -ne 0 ]; then
  [ "$failed" -eq 0 ] && failed=1
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$dotnet_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]

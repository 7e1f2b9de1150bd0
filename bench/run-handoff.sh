#!/usr/bin/env bash
# Builds the solution in Release, starts a private Redis and the server (with auto-assignment on) on free ports of
# their own, runs the handoff delivery benchmark against them, and stops both whatever happens. Only the
# benchmark's report goes to stdout, so `--json > result.json` works.
#   bench/run-handoff.sh [bench options]      e.g. --agents 50 --customers 100, --rate 100, --json
#   BENCH_SKIP_BUILD=1 bench/run-handoff.sh   reuses the last Release build (quicker repeated runs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

if ! command -v redis-server >/dev/null; then
  echo "redis-server is not installed: the handoff benchmark seeds its agent accounts in the server's Redis." >&2
  exit 1
fi

prefix="sb:"
bench_build
bench_redis 6392
bench_server 5091 Redis__KeyPrefix="$prefix" Handoff__AutoAssign=true Agents__SignInsPerMinutePerClient=100000
# Defaults first, so the script's arguments (last value wins) override them.
bench_run handoff --url "$url" --redis "$redis_connection" --prefix "$prefix" --agents 100 --customers 200 --duration 30 --warmup 5 "$@"

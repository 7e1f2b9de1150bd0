#!/usr/bin/env bash
# Builds the solution in Release, starts a private Redis and the server on free ports of their own, runs the
# Direct Line load benchmark against them, and stops both whatever happens. Only the benchmark's report goes to
# stdout, so `--json > result.json` works.
#   bench/run-directline.sh [bench options]   e.g. --rate 0, --conversations 50, --json, --secret bench-secret
#   BENCH_STORE=memory bench/run-directline.sh   runs the server on its in-memory stores instead of Redis
#   BENCH_SKIP_BUILD=1 bench/run-directline.sh   reuses the last Release build (quicker repeated runs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

bench_build
if [[ "${BENCH_STORE:-redis}" == "memory" ]]; then
  echo "BENCH_STORE=memory: the server runs on its in-memory stores." >&2
elif command -v redis-server >/dev/null; then
  bench_redis 6391
else
  echo "redis-server is not installed: the server runs on its in-memory stores." >&2
fi

bench_server 5090
# Defaults first, so the script's arguments (last value wins) override them.
bench_run directline --url "$url" --conversations 100 --rate 1000 --duration 30 --warmup 5 "$@"

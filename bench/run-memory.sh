#!/usr/bin/env bash
# Issue 14's memory criterion on one process: a private Redis and one fresh server, then
#   1. idle: SEED conversations (10,000) each started and answered once and left, then SOCKETS (1,000) conversations'
#      WebSockets held open with nothing sent; after a 30 s settle, the server's RSS, peak RSS and managed heap;
#   2. open loop: 2,000 conversations asked for RATE (1,000) turns/s for MINUTES (5) after a 30 s warm-up, the server's
#      RSS sampled every 10 s, printed as a series with its least-squares slope in MB/min over the measured window,
#      and the peak RSS (VmHWM) at the end. The same process and Redis throughout, so the open loop starts on top of
#      the idle conversations.
#   bench/run-memory.sh [SEED] [SOCKETS] [MINUTES] [RATE]     BENCH_SKIP_BUILD=1 reuses the last Release build;
#   extra server settings as NAME=value in BENCH_SERVER_ENV (e.g. "DOTNET_GCgen0size=0x1000000")
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

seed=${1:-10000}
sockets=${2:-1000}
minutes=${3:-5}
rate=${4:-1000}

bench_build
bench_redis 6391
bench_server 5090

echo "== idle: ${seed} conversations answered once, ${sockets} sockets open ==" >&2
bench_client idle --url "$url" --seed "$seed" --conversations "$sockets" --warmup 30 --duration 10 --server-pid "$server_pid"

if [[ "$minutes" != 0 ]]; then
  echo "== open loop: 2,000 conversations, ${rate} turns/s, ${minutes} min measured ==" >&2
  bench_client directline --url "$url" --conversations 2000 --rate "$rate" --warmup 30 --duration "$((minutes * 60))" \
    --server-pid "$server_pid" --redis-info "$redis_connection" --rss-every 10
fi

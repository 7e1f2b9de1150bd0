#!/usr/bin/env bash
# What idle Direct Line sockets cost: a private Redis and one fresh server, then the Direct Line benchmark holding
# SOCKETS conversations' WebSockets open (1,000) and nothing sent (SupportBot.Bench idle) for SECONDS (60), after a
# 20 s settle, and the server's CPU over that time. The same with one socket first, for the server's own idle cost
# (timers, presence, the recovery sweep). Prints both as ms of CPU per second. The archive is off: its worker would
# copy the conversations the run has just started inside the measured window (74 against 30 ms a second with 1,000
# sockets, 2026-12-06), which is the archive's cost, not the sockets'.
#   bench/run-idle-sockets.sh [SOCKETS] [SECONDS]      BENCH_SKIP_BUILD=1 reuses the last Release build
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

sockets=${1:-1000}
seconds=${2:-60}

export BENCH_SERVER_ENV="Archive__Enabled=false ${BENCH_SERVER_ENV:-}"
bench_build
bench_redis 6391
bench_server 5090

for count in 1 "$sockets"; do
  bench_client idle --url "$url" --conversations "$count" --warmup 20 --duration "$seconds" --server-pid "$server_pid"
done

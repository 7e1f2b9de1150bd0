#!/usr/bin/env bash
# What each server process reads from Redis when several share the desk: starts a private Redis and PROCESSES
# server processes (4), and runs the Direct Line benchmark against each of them at once (each process holds the
# WebSockets of CONVERSATIONS/PROCESSES conversations, 2,000 in all, and RATE/PROCESSES of the RATE turns/s). Redis
# 7.0 keeps no byte counts per client, so the bytes each process read are the kernel's: `ss -ti` bytes_received of
# the process's TCP connections to Redis (commands' answers and pub/sub messages alike), from before the
# conversations are set up to the end of the run. Printed per process: MB read, and bytes per turn and per appended
# activity of the whole desk (turns from the benchmarks, activities from Redis's PUBLISH count).
#   bench/run-cluster-traffic.sh [PROCESSES] [CONVERSATIONS] [RATE] [DURATION_S]     defaults 4 2000 200 30
#   BENCH_WEB_DLL=/path/to/SupportBot.Web.dll   measures another build (an older checkout's, for before/after)
#   BENCH_SKIP_BUILD=1                          reuses the last Release build
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

processes=${1:-4}
conversations=${2:-2000}
rate=${3:-200}
duration=${4:-30}
dll=${BENCH_WEB_DLL:-$repo/src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll}
command -v ss >/dev/null || { echo "ss (iproute2) is needed to read the bytes each process received." >&2; exit 2; }
command -v redis-server >/dev/null || { echo "redis-server is needed." >&2; exit 2; }

bench_build
bench_redis 6391
redis_port=${redis_connection##*:}
bench_servers "$processes" 5091
pids=("${server_pids[@]}")
urls=("${server_urls[@]}")

# received_bytes PID: what the process read from Redis so far, over all its connections to it.
received_bytes() {
  ss -tinpH state established "( dport = :$redis_port )" 2>/dev/null | awk -v pid="pid=$1," '
    /users:/ { mine = index($0, pid) > 0; next }
    mine { if (match($0, /bytes_received:[0-9]+/)) { total += substr($0, RSTART + 15, RLENGTH - 15) }; mine = 0 }
    END { print total + 0 }'
}
publishes() { redis-cli -p "$redis_port" info commandstats | awk -F'[=,:]' '/^cmdstat_publish:/ { print $3 }' | tr -d '\r' | awk '{ print $1 + 0 }'; }

declare -A before
for pid in "${pids[@]}"; do before[$pid]=$(received_bytes "$pid"); done
published_before=$(publishes)

echo "Running $processes benchmarks at once: $((conversations / processes)) conversations and $((rate / processes)) turns/s each, ${duration} s ..." >&2
clients=()
for i in $(seq "$processes"); do
  dotnet "$repo/bench/SupportBot.Bench/bin/Release/net10.0/SupportBot.Bench.dll" directline --url "${urls[$((i - 1))]}" \
    --conversations $((conversations / processes)) --rate $((rate / processes)) --duration "$duration" --warmup 0 --json \
    >"$work/run-$i.json" 2>"$work/run-$i.log" &
  clients+=($!)
done
for client in "${clients[@]}"; do wait "$client" || echo "a benchmark exited with $?: see its log" >&2; done

turns=0
for i in $(seq "$processes"); do
  turns=$((turns + $(grep -o '"turnsCompleted": *[0-9]*' "$work/run-$i.json" | grep -o '[0-9]*$' || echo 0)))
done
activities=$(( $(publishes) - published_before ))
echo "SupportBot.Web: $dll"
echo "$processes processes, $conversations conversations, $rate turns/s for ${duration} s: $turns turns, $activities activities appended"
printf '%-8s %12s %16s %20s\n' process "MB read" "bytes per turn" "bytes per activity"
for i in $(seq "$processes"); do
  pid=${pids[$((i - 1))]}
  read_bytes=$(( $(received_bytes "$pid") - before[$pid] ))
  awk -v i="$i" -v b="$read_bytes" -v t="$turns" -v a="$activities" 'BEGIN {
    printf "%-8s %12.2f %16.0f %20.0f\n", i, b / 1e6, (t > 0 ? b / t : 0), (a > 0 ? b / a : 0) }'
done

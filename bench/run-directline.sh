#!/usr/bin/env bash
# Builds the solution in Release, starts a private Redis and the server on free ports of their own, runs the
# Direct Line load benchmark against them twice, and stops both whatever happens: a COLD run (the first
# $cold_seconds s of the freshly started process) and a WARM run (after --warmup, default $warmup_default s). Only
# the report goes to stdout, so `--json > result.json` works (one JSON object holding both runs).
#   bench/run-directline.sh [bench options]   e.g. --rate 0, --conversations 50, --json, --secret bench-secret
#   bench/run-directline.sh --vs-bare [...]   the same client, same options, against SupportBot and then the bare-turn
#                                             baseline (bench/SupportBot.BareTurn), each on a fresh Redis; prints
#                                             both side by side with the ratios SupportBot/bare
#   bench/run-directline.sh --vs-archive-off [...]  SupportBot with its archive (the default) and then with
#                                             Archive__Enabled=false, each fresh, side by side: what the archive costs
#   bench/run-directline.sh --vs-archive-off --worker-process [...]  the same, but the archive-on server copies
#                                             nothing (Archive__Worker=false): a second SupportBot process on the
#                                             same Redis and archive, taking no traffic, does; its CPU is printed
#   BENCH_BEFORE_DLL=/old/checkout/src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll \
#     bench/run-directline.sh --vs-before [...]  this build and then another (an older checkout's Release build,
#                                             started from its own content root), side by side: before/after
#   bench/run-directline.sh --vs-... --pairs N [...]  N pairs in alternating order (the second server first in every
#                                             second pair), each pair's table, then each pair's warm ratios and
#                                             their medians: one pair's p99 can move 2.5x between runs of one build
#   BENCH_STORE=memory bench/run-directline.sh   runs the server on its in-memory stores instead of Redis
#   BENCH_SKIP_BUILD=1 bench/run-directline.sh   reuses the last Release build (quicker repeated runs)
#   BENCH_REDIS_PORT, BENCH_SERVER_PORT          the first ports tried (default 6391, 5090)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

cold_seconds=10
# Measured (bench/README.md, "Cold and warm"): a fresh server's CPU per turn stops falling about 30 s into a
# closed-loop run, once tiered compilation has finished with the hot path.
warmup_default=45

vs="" json="" pairs=1 worker_process=""
options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --vs-bare | --vs-archive-off | --vs-before)
      [[ -z "$vs" ]] || { echo "Give one of --vs-bare, --vs-archive-off, --vs-before." >&2; exit 2; }
      vs="$1" ;;
    --json) json=1 ;;
    --worker-process) worker_process=1 ;;
    --pairs)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "--pairs takes a number of pairs (1 or more)." >&2; exit 2; }
      pairs="$2"; shift ;;
    *) options+=("$1") ;;
  esac
  shift
done
if [[ "$pairs" -gt 1 && ( -z "$vs" || -n "$json" ) ]]; then
  echo "--pairs needs one of --vs-bare, --vs-archive-off, --vs-before, and prints tables (no --json)." >&2
  exit 2
fi

if [[ "$vs" == --vs-before ]]; then
  if [[ ! -f "${BENCH_BEFORE_DLL:-}" ]]; then
    echo "--vs-before needs BENCH_BEFORE_DLL, the SupportBot.Web.dll of the build to compare with (built in Release)." >&2
    exit 2
  fi
  # Started from its own checkout, so it reads its own appsettings, dialogs and model.
  before_root="$(cd "$(dirname "$BENCH_BEFORE_DLL")/../../.." && pwd)"
  bench_before_server() { bench_start_dll "$BENCH_BEFORE_DLL" "$before_root" "$1" DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"; }
fi
bench_archive_off_server() { bench_server "$1" Archive__Enabled=false; }

# The archive's copying in a process of its own: a SupportBot process that takes no traffic runs the worker on the
# measured server's Redis and archive, which runs without it. Started first, so the measured server's $url and
# $server_pid are the ones the client loads and probes; bench_stop stops both. At nice 10, as deploy/run-cluster.sh
# starts it (BENCH_WORKER_NICE, 0 for none).
bench_server_worker_process() {
  local archive="$work/archive-shared-$RANDOM.db" worker_log="$work/worker.log" worker_nice="${BENCH_WORKER_NICE:-10}"
  [[ "$worker_nice" == 0 ]] && worker_nice=""
  # shellcheck disable=SC2086 # BENCH_SERVER_ENV is a list of NAME=value words
  launch_nice="$worker_nice" bench_launch_dll "$repo/src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll" "$repo/src/SupportBot.Web" \
    "$(bench_free_port "$(($1 + 100))")" "$worker_log" DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}" \
    Archive__SqlitePath="$archive" ${BENCH_SERVER_ENV:-}
  bench_wait_healthy "$url" "$server_pid" "$worker_log"
  worker_pid="$server_pid"
  server_pids+=("$server_pid")
  bench_server "$1" Archive__Worker=false Archive__SqlitePath="$archive"
}
worker_pid=""

if [[ "$vs" == --vs-bare ]]; then
  if [[ "${BENCH_STORE:-redis}" == "memory" ]] || ! command -v redis-server >/dev/null; then
    echo "--vs-bare compares turns on Redis: it needs redis-server and cannot run with BENCH_STORE=memory." >&2
    exit 2
  fi
  # The bare server has no widget: both servers hand out tokens from tokens/generate.
  options=(--secret bench-secret "${options[@]}")
fi

# process_ticks PID: the user and system CPU the process has used, in clock ticks.
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure NAME START_FUNCTION: a fresh Redis and a fresh server, the cold run then the warm run, both stopped after.
measure() {
  local name="$1" start="$2" probe=()
  echo "Measuring ${name} ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)) ..." >&2
  if [[ "${BENCH_STORE:-redis}" == "memory" ]]; then
    echo "BENCH_STORE=memory: the server runs on its in-memory stores." >&2
  elif command -v redis-server >/dev/null; then
    bench_redis 6391
  else
    echo "redis-server is not installed: the server runs on its in-memory stores." >&2
  fi

  "$start" 5090
  probe=(--server-pid "$server_pid")
  [[ -n "$redis_connection" ]] && probe+=(--redis-info "$redis_connection")
  # Defaults first, so the script's arguments (last value wins) override them; the cold run's window last of all.
  local defaults=(directline --url "$url" --conversations 100 --rate 1000 --duration 30 --warmup "$warmup_default")
  echo "== ${name}, cold: the first ${cold_seconds} s after /healthz answered ==" >&2
  bench_client "${defaults[@]}" "${options[@]}" "${probe[@]}" --warmup 0 --duration "$cold_seconds" --json >"$work/${name}-cold.json"
  echo "== ${name}, warm ==" >&2
  local worker_ticks="" started="$SECONDS"
  [[ -n "$worker_pid" ]] && worker_ticks="$(process_ticks "$worker_pid")"
  bench_client "${defaults[@]}" "${options[@]}" "${probe[@]}" --json >"$work/${name}-warm.json"
  if [[ -n "$worker_pid" ]]; then
    local used=$(( $(process_ticks "$worker_pid") - worker_ticks )) hz
    hz="$(getconf CLK_TCK)"
    echo "The archive worker's process: $(awk -v t="$used" -v hz="$hz" -v s="$((SECONDS - started))" 'BEGIN { printf "%.1f s of CPU in the warm run'"'"'s %d s (warm-up and window), %.1f%% of a core", t / hz, s, 100 * t / hz / s }')" >&2
    worker_pid=""
  fi
  bench_stop
  redis_connection=""
}

bench_build
case "$vs" in
  --vs-bare) other=bench_bare_server names="SupportBot,bare" ;;
  --vs-archive-off) other=bench_archive_off_server names="archive on,archive off" ;;
  --vs-before) other=bench_before_server names="this build,before" ;;
  *) other="" names="" ;;
esac

main_server=bench_server
if [[ -n "$worker_process" ]]; then
  [[ "$vs" != --vs-bare && "$vs" != --vs-before ]] || { echo "--worker-process goes with --vs-archive-off or no comparison." >&2; exit 2; }
  main_server=bench_server_worker_process
fi

# pair N: both servers measured (the other one first when N is even, so a drift of the machine falls on each side in
# turn), their side by side printed; with --pairs, its JSON kept as $work/pair-N.json for the summary.
pair() {
  local n="$1"
  if [[ -n "$other" && $((n % 2)) -eq 0 ]]; then
    measure other "$other"; measure supportbot "$main_server"
  else
    measure supportbot "$main_server"; [[ -z "$other" ]] || measure other "$other"
  fi
  local compare=(compare --cold "$work/supportbot-cold.json" --warm "$work/supportbot-warm.json")
  [[ -z "$other" ]] || compare+=(--bare-cold "$work/other-cold.json" --bare-warm "$work/other-warm.json" --names "$names")
  if [[ "$pairs" -gt 1 ]]; then
    echo "Pair ${n} of ${pairs}:"
    bench_client "${compare[@]}" --json 2>&1 >"$work/pair-${n}.json"
    echo
  else
    [[ -n "$json" ]] && compare+=(--json)
    bench_run "${compare[@]}"
  fi
}

for n in $(seq "$pairs"); do pair "$n"; done
pair_files=()
for n in $(seq "$pairs"); do pair_files+=("$work/pair-${n}.json"); done
bench_run pairs --names "$names" "${pair_files[@]}"

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

vs="" json="" pairs=1
options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --vs-bare | --vs-archive-off | --vs-before)
      [[ -z "$vs" ]] || { echo "Give one of --vs-bare, --vs-archive-off, --vs-before." >&2; exit 2; }
      vs="$1" ;;
    --json) json=1 ;;
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

if [[ "$vs" == --vs-bare ]]; then
  if [[ "${BENCH_STORE:-redis}" == "memory" ]] || ! command -v redis-server >/dev/null; then
    echo "--vs-bare compares turns on Redis: it needs redis-server and cannot run with BENCH_STORE=memory." >&2
    exit 2
  fi
  # The bare server has no widget: both servers hand out tokens from tokens/generate.
  options=(--secret bench-secret "${options[@]}")
fi

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
  bench_client "${defaults[@]}" "${options[@]}" "${probe[@]}" --json >"$work/${name}-warm.json"
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

# pair N: both servers measured (the other one first when N is even, so a drift of the machine falls on each side in
# turn), their side by side printed; with --pairs, its JSON kept as $work/pair-N.json for the summary.
pair() {
  local n="$1"
  if [[ -n "$other" && $((n % 2)) -eq 0 ]]; then
    measure other "$other"; measure supportbot bench_server
  else
    measure supportbot bench_server; [[ -z "$other" ]] || measure other "$other"
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

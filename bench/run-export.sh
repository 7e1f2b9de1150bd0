#!/usr/bin/env bash
# A maintainer's export of months of transcripts from the archive: `supportbot transcripts export --archive` when
# Redis no longer holds the conversations (a private, empty Redis). The archive is a SQLite file seeded by
# `SupportBot.Bench insights` (a desk's mix over 30 days: a welcome, a classified customer message and an answer
# each, an agent's reply in one of five); the seed stores "{}" for each activity's JSON, which is filled in here from
# the row's own columns, in the shape the log writes, so the export has real activities to parse. Prints each run's
# wall and CPU time.
#   bench/run-export.sh [CONVERSATIONS] [RUNS]     (100,000 and 3; BENCH_SKIP_BUILD=1 reuses the last Release build)
#   BENCH_CLI_DLL=/work/old/src/SupportBot.Cli/bin/Release/net10.0/supportbot.dll bench/run-export.sh   (an older build's export)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

conversations=${1:-100000}
runs=${2:-3}
[[ "$conversations" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/run-export.sh [CONVERSATIONS] [RUNS] (whole numbers)" >&2; exit 2; }

bench_build
bench_redis 6397
archive="$work/archive.db"
echo "== seeding ${conversations} archived conversations ==" >&2
dotnet "$repo/bench/SupportBot.Bench/bin/Release/net10.0/SupportBot.Bench.dll" insights --conversations "$conversations" --sqlite "$archive" --repeat 1 \
  | grep seeded >&2
python3 - "$archive" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("""
UPDATE activities SET raw_json = json_object(
  'type', type, 'id', conversation_id || '|' || printf('%07d', seq),
  'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', timestamp_ms / 1000.0, 'unixepoch'), 'channelId', 'directline',
  'from', json_object('id', CASE role WHEN 'customer' THEN 'dl_' || conversation_id ELSE role END, 'name', role,
                      'role', CASE role WHEN 'customer' THEN 'user' WHEN 'bot' THEN 'bot' ELSE NULL END),
  'conversation', json_object('id', conversation_id), 'locale', 'en-US', 'text', text,
  'entities', CASE WHEN intent IS NULL THEN json_array() ELSE json_array(json_object(
    'type', 'supportbot/intent', 'intent', intent, 'confidence', 0.8, 'ambiguous', json(CASE ambiguous WHEN 1 THEN 'true' ELSE 'false' END),
    'language', 'en', 'top', json_array(json_object('intent', intent, 'confidence', 0.8)), 'modelVersion', 'bench'))
  END)""")
db.commit()
print(f"archive: {db.execute('SELECT COUNT(*) FROM activities').fetchone()[0]:,} activities given their JSON", file=sys.stderr)
PY

cli="${BENCH_CLI_DLL:-$repo/src/SupportBot.Cli/bin/Release/net10.0/supportbot.dll}"
since="$(date -u -d '-40 days' +%F)"
for ((run = 1; run <= runs; run++)); do
  TIMEFORMAT='%R %U %S'
  { time dotnet "$cli" transcripts export --since "$since" --out "$work/export.jsonl" --redis "$redis_connection" --archive "$archive" \
      > "$work/export.out" 2> "$work/export.err"; } 2> "$work/time"
  read -r wall user system < "$work/time"
  printf 'export %d: %s s, CPU %.2f s (user %s, system %s): %s\n' "$run" "$wall" "$(python3 -c "print($user + $system)")" "$user" "$system" \
    "$(head -1 "$work/export.out")"
done

#!/usr/bin/env bash
# A privacy request against a full store: how long a supervisor's DELETE /agent/api/customers/{id} takes (the same
# code as `supportbot customers forget`) when Redis holds LIVE conversations and the conversation index as many ids
# again of conversations that have expired (the index keeps ids four TTLs, so on a busy desk it is mostly those).
# A private Redis and one fresh server; the conversations are written straight into Redis (each its hash as the server
# creates it, an index entry, a log of one activity and a bot-state key, so the privacy request's walks of the
# keyspace meet four keys a conversation), each run forgets another customer who owns LIVE / 10,000 of them.
#   bench/run-forget.sh [LIVE] [RUNS]     (100,000 and 3; BENCH_SKIP_BUILD=1 reuses the last Release build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

live=${1:-100000}
runs=${2:-3}
[[ "$live" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/run-forget.sh [LIVE] [RUNS] (whole numbers)" >&2; exit 2; }

bench_build
bench_redis 6396
password="forget-bench-$RANDOM$RANDOM"
hash="$(printf %s "$password" | dotnet "$repo/src/SupportBot.Cli/bin/Release/net10.0/supportbot.dll" agents hash-password)"
bench_server 5096 Agents__Accounts__0__Id=lead Agents__Accounts__0__Name=Lead Agents__Accounts__0__PasswordHash="$hash" \
  Agents__Accounts__0__Roles__0=agent Agents__Accounts__0__Roles__1=supervisor

echo "== seeding ${live} live conversations and ${live} expired ids in the index ==" >&2
redis_port="${redis_connection##*:}"
now_ms="$(date +%s%3N)"
for ((first = 0; first < 2 * live; first += 20000)); do
  redis-cli -p "$redis_port" EVAL "
    local now, first, last = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
    for i = first, last do
      local id = 'forgetbench' .. i
      if i % 2 == 0 then
        local key = 'sb:conv:{' .. id .. '}'
        redis.call('HSET', key, 'user', 'dl_customer' .. ((i / 2) % 10000), 'userName', '', 'locale', 'en',
          'created', now - i, 'seq', 0, 'lastTs', 0, 'clientIds', 'inline')
        redis.call('PEXPIRE', key, 86400000)
        redis.call('RPUSH', key .. ':log', '{"type":"message"}')
        redis.call('HSET', 'sb:state:directline/conversations/' .. id, 'json', '{}', 'etag', '1')
      end
      redis.call('ZADD', 'sb:conv-index', now - i, id)
    end
    return 0" 0 "$now_ms" "$first" "$(( first + 19999 < 2 * live - 1 ? first + 19999 : 2 * live - 1 ))" >/dev/null
done
echo "Redis: $(redis-cli -p "$redis_port" zcard sb:conv-index) ids in the index, $(redis-cli -p "$redis_port" dbsize) keys" >&2

token="$(curl -fsS -X POST "$url/agent/api/sign-in" -H 'content-type: application/json' \
  -d "{\"name\":\"lead\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
for ((run = 1; run <= runs; run++)); do
  customer="dl_customer$((run * 7))"
  started="$(date +%s%N)"
  status="$(curl -sS -o "$work/forget.json" -w '%{http_code}' -X DELETE -H "Authorization: Bearer $token" "$url/agent/api/customers/$customer")"
  ended="$(date +%s%N)"
  deleted="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1])).get("liveConversations", [])))' "$work/forget.json" 2>/dev/null || echo "?")"
  printf 'forget %s: HTTP %s in %.2f s, %s live conversations deleted of %s live and %s ids\n' \
    "$customer" "$status" "$(( ended - started ))e-9" "$deleted" "$live" "$(( 2 * live ))"
done

-- KEYS: hand-off hash, ended history. ARGV: survey JSON, retention ms. A history entry is a member of a sorted
-- set, so updating it means swapping the member under the same score.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'survey', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local entry = redis.call('HGET', KEYS[1], 'endedMember')
local score = entry and redis.call('ZSCORE', KEYS[2], entry)
if score then
  local record = cjson.decode(entry)
  record.survey = ARGV[1]
  local updated = cjson.encode(record)
  redis.call('ZREM', KEYS[2], entry)
  redis.call('ZADD', KEYS[2], score, updated)
  redis.call('HSET', KEYS[1], 'endedMember', updated)
end
return 1

-- KEYS: hand-off hash, waiting set, ended history, and the owner's set when an agent ends it. ARGV: conversation
-- id, owner id ('' = none: the customer abandons the queue), stage, resolution JSON ('' = none), endedAt,
-- endedAt ms, retention ms, the ms before which history is dropped. Returns the ended hash's fields as a JSON
-- object, which is also its history entry, or nil when the hand-off is not in a state that allows this end.
local stage = redis.call('HGET', KEYS[1], 'stage')
if ARGV[2] == '' then
  if stage ~= 'Queued' then return false end
elseif stage ~= 'Assigned' or redis.call('HGET', KEYS[1], 'agentId') ~= ARGV[2] then
  return false
end
redis.call('HSET', KEYS[1], 'stage', ARGV[3], 'endedAt', ARGV[5])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'resolution', ARGV[4]) end
redis.call('ZREM', KEYS[2], ARGV[1])
if KEYS[4] then redis.call('SREM', KEYS[4], ARGV[1]) end
local fields = redis.call('HGETALL', KEYS[1])
local record = {}
for i = 1, #fields, 2 do record[fields[i]] = fields[i + 1] end
local entry = cjson.encode(record)
redis.call('HSET', KEYS[1], 'endedMember', entry)
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('ZADD', KEYS[3], ARGV[6], entry)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[8])
redis.call('PEXPIRE', KEYS[3], ARGV[7])
return entry

-- KEYS: hand-off hash, waiting set. ARGV: conversation id, waiting score, retention ms, then field/value pairs.
-- A hand-off that has ended is replaced whole; an open one is left alone (returns 0).
local stage = redis.call('HGET', KEYS[1], 'stage')
if stage == 'Queued' or stage == 'Assigned' then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'score', ARGV[2], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1

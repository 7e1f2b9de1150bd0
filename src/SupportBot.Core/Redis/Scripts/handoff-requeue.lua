-- KEYS: hand-off hash, waiting set, the owner's set. ARGV: conversation id, owner id, retention ms.
-- Back in the queue under the score it was queued with, so it keeps its place.
local stage = redis.call('HGET', KEYS[1], 'stage')
if not stage then return NOT_FOUND end
if stage ~= 'Assigned' or redis.call('HGET', KEYS[1], 'agentId') ~= ARGV[2] then return NOT_OWNER end
redis.call('HSET', KEYS[1], 'stage', 'Queued', 'position', 0)
redis.call('HDEL', KEYS[1], 'agentId', 'agentName', 'claimedAt')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], redis.call('HGET', KEYS[1], 'score'), ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
return CLAIMED

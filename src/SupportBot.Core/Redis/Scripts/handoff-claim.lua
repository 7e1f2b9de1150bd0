-- KEYS: hand-off hash, waiting set, the agent's set. ARGV: conversation id, agent id, agent name, capacity,
-- claimedAt, retention ms.
local stage = redis.call('HGET', KEYS[1], 'stage')
if not stage then return NOT_FOUND end
if stage ~= 'Queued' then return TAKEN end
if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[4]) then return AT_CAPACITY end
redis.call('HSET', KEYS[1], 'stage', 'Assigned', 'agentId', ARGV[2], 'agentName', ARGV[3], 'claimedAt', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return CLAIMED

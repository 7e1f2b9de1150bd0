-- KEYS: hand-off hash, the owner's set, the new agent's set. ARGV: conversation id, owner id, new agent id,
-- new agent name, their capacity, claimedAt, retention ms.
local stage = redis.call('HGET', KEYS[1], 'stage')
if not stage then return NOT_FOUND end
if stage ~= 'Assigned' or redis.call('HGET', KEYS[1], 'agentId') ~= ARGV[2] then return NOT_OWNER end
if ARGV[2] == ARGV[3] then return CLAIMED end
if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[5]) then return AT_CAPACITY end
redis.call('HSET', KEYS[1], 'agentId', ARGV[3], 'agentName', ARGV[4], 'claimedAt', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return CLAIMED

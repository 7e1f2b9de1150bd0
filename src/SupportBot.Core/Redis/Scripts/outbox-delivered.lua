-- KEYS[1] conversation hash, KEYS[2] undelivered index; ARGV[1] conversation id, ARGV[2] the sequence the connector
-- has taken everything up to, ARGV[3] the Unix ms from which the sweep may look again if more is left. Moves
-- 'delivered' forward only (two processes may deliver), clears the failure count, and takes the conversation off the
-- index once nothing is after it, or when the conversation is gone. Returns 'delivered' (0 if gone).
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
local delivered = math.max(tonumber(redis.call('HGET', KEYS[1], 'delivered') or '0'), tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'delivered', delivered)
redis.call('HDEL', KEYS[1], 'deliveryFailures')
if delivered >= tonumber(redis.call('HGET', KEYS[1], 'seq')) then
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[2], 'XX', ARGV[3], ARGV[1])
end
return delivered

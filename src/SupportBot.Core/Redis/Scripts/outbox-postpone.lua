-- KEYS[1] conversation hash, KEYS[2] undelivered index; ARGV[1] conversation id, ARGV[2] now ms, ARGV[3] first
-- back-off ms, ARGV[4] longest back-off ms. Counts a failed send and puts the conversation's next sweep
-- min(first * 2^(failures - 1), longest) ahead, so a connector that stays down is not called in a loop.
-- Returns the failure count (0 if the conversation is gone, which takes it off the index).
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
local failures = redis.call('HINCRBY', KEYS[1], 'deliveryFailures', 1)
local delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(failures - 1, 30), tonumber(ARGV[4]))
redis.call('ZADD', KEYS[2], math.floor(tonumber(ARGV[2]) + delay), ARGV[1])
return failures

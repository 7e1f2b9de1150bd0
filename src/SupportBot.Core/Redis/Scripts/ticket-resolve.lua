-- KEYS: ticket hash, open set. ARGV: ticket id, resolvedBy, resolvedAt. Returns 1 when resolved, 0 when the
-- ticket is unknown or already resolved.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'resolvedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'resolvedBy', ARGV[2], 'resolvedAt', ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1

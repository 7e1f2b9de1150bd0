-- KEYS: as agent-signin-begin.lua. ARGV: now ms, address, trusted lifetime ms, index member of the account.
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[4], ARGV[4] .. ARGV[2])
if tonumber(redis.call('HGET', KEYS[1], 'failures') or '0') > 0 then redis.call('HINCRBY', KEYS[1], 'failures', -1) end
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), ARGV[2])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 1

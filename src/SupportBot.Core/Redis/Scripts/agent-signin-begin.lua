-- KEYS: account hash, address hash, trusted set, throttles index. ARGV: now ms, address, failures per address,
-- window ms, failures before back-off, first back-off ms, back-off max ms, index member of the account.
-- Returns {1, 0} when the check is reserved, {0, ms to wait} when refused. Mirrors MemorySignInThrottle.
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[4])
local pairFailures = tonumber(redis.call('HGET', KEYS[2], 'failures') or '0')
local ends = tonumber(redis.call('HGET', KEYS[2], 'ends') or '0')
if ends <= now then pairFailures = 0; ends = now + window end
if pairFailures >= tonumber(ARGV[3]) then return {0, ends - now} end
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
local free = tonumber(ARGV[5])
local trusted = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[2]) or '0')
if failures >= free and trusted <= now then
  local backoffEnds = last + math.min(tonumber(ARGV[6]) * 2 ^ math.min(failures - free, 30), tonumber(ARGV[7]))
  if now < backoffEnds then return {0, backoffEnds - now} end
end
redis.call('HSET', KEYS[2], 'failures', pairFailures + 1, 'ends', ends)
redis.call('PEXPIRE', KEYS[2], ends - now)
redis.call('HSET', KEYS[1], 'failures', failures + 1, 'last', now)
redis.call('PEXPIRE', KEYS[1], window)
redis.call('ZADD', KEYS[4], ends, ARGV[8] .. ARGV[2], now + window, ARGV[8])
return {1, 0}

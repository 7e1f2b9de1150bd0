-- Appends an activity that came in (see conversation-stamp.lua), plus KEYS[3] pending zset, KEYS[4] client-id hash,
-- KEYS[5] pending index, KEYS[6] archive:pending when the archive is on; ARGV[6] '1' if the activity starts a turn,
-- ARGV[7] its clientActivityID or ''. A known clientActivityID appends nothing. Returns {seq, timestamp ms, 1 if a
-- duplicate}, or {-1, 0, 0} for an unknown conversation.
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0, 0} end
if ARGV[7] ~= '' then
  local first = redis.call('HGET', KEYS[4], ARGV[7])
  if first then return {tonumber(first), 0, 1} end
end
local seq, ts = stamp(ARGV[2], KEYS[6])
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[4], ARGV[7], seq)
  redis.call('PEXPIRE', KEYS[4], ARGV[4])
end
if ARGV[6] == '1' then
  redis.call('ZADD', KEYS[3], seq, seq)
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
  redis.call('ZADD', KEYS[5], 'NX', ARGV[3], ARGV[1])
end
return {seq, ts, 0}

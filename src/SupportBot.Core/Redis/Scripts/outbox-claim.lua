-- KEYS[1] undelivered index; ARGV[1] now ms, ARGV[2] the claim's end ms, ARGV[3] most ids. Returns the conversation
-- ids due by now, most overdue first, each moved to the claim's end, so the sweep of another process leaves them
-- to this one meanwhile (a delivery that succeeds or fails sets their place itself).
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
return ids

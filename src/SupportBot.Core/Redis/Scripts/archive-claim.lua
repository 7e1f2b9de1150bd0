-- KEYS[1] archive:pending, KEYS[2] archive:claims; ARGV[1] now ms, ARGV[2] the hold's end ms, ARGV[3] most ids,
-- ARGV[4] the latest ms a conversation's oldest unarchived activity may have (the settle time before now).
-- Returns up to ARGV[3] queued conversations, oldest unarchived first, settled, that no live hold covers, each now held
-- until ARGV[2] (a dead worker's hold lapses). Looks a few times further than it hands out, past others' holds.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[4], 'LIMIT', 0, tonumber(ARGV[3]) * 4)
local claimed = {}
for _, id in ipairs(ids) do
  local held = redis.call('ZSCORE', KEYS[2], id)
  if not held or tonumber(held) <= tonumber(ARGV[1]) then
    redis.call('ZADD', KEYS[2], ARGV[2], id)
    claimed[#claimed + 1] = id
    if #claimed >= tonumber(ARGV[3]) then break end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
return claimed

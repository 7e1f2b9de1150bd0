-- Appends an activity that came in (see conversation-stamp.lua), plus KEYS[3] pending zset, KEYS[4] the client-id
-- hash of conversations created before their client ids moved into the conversation hash (read only), KEYS[5]
-- pending index, KEYS[6] archive:pending when the archive is on; ARGV[6] '1' if the activity starts a turn, ARGV[7]
-- its clientActivityID or ''. A known clientActivityID appends nothing. Returns {seq, timestamp ms, 1 if a
-- duplicate}, or {-1, 0, 0} for an unknown conversation.
local id = ARGV[7] ~= '' and 'cid:' .. ARGV[7]
local c
if id then c = conversation('clientIds', id) else c = conversation() end
if not c then return {-1, 0, 0} end
local fields = {}
if id then
  -- clientIds is written at creation: a conversation without it may have its earlier ids in KEYS[4].
  local first = c[5] or (not c[4] and redis.call('HGET', KEYS[4], ARGV[7]))
  if first then return {tonumber(first), 0, 1} end
  fields = {id, c.seq}
end
local seq, ts = stamp(c, ARGV[2], KEYS[6], fields)
if ARGV[6] == '1' then
  redis.call('ZADD', KEYS[3], seq, seq)
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
  redis.call('ZADD', KEYS[5], 'NX', ARGV[3], ARGV[1])
end
return {seq, ts, 0}

-- Appends what the bot or a person says (see conversation-stamp.lua for KEYS and ARGV), plus KEYS[3] undelivered
-- index, KEYS[4] archive:pending when the archive is on; ARGV[6] the Unix ms from which the sweep may send it
-- through the channel's connector, or '' for a conversation no connector keeps. Returns {seq, timestamp ms}, or
-- {-1, 0} for an unknown conversation.
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
local seq, ts = stamp(ARGV[2], KEYS[4])
if ARGV[6] ~= '' then
  -- No mark yet: nothing before this was for the connector to take (or a process before the mark existed sent it).
  if redis.call('HEXISTS', KEYS[1], 'delivered') == 0 then redis.call('HSET', KEYS[1], 'delivered', seq - 1) end
  redis.call('ZADD', KEYS[3], 'NX', ARGV[6], ARGV[1])
end
return {seq, ts}

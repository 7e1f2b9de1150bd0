-- Appends what the bot or a person says (see conversation-stamp.lua for KEYS and ARGV), plus KEYS[3] undelivered
-- index, KEYS[4] archive:pending when the archive is on; ARGV[6] the Unix ms from which the sweep may send it
-- through the channel's connector, or '' for a conversation no connector keeps. Returns {seq, timestamp ms}, or
-- {-1, 0} for an unknown conversation.
local kept = ARGV[6] ~= ''
local c
if kept then c = conversation('delivered') else c = conversation() end
if not c then return {-1, 0} end
local fields = {}
-- No mark yet: nothing before this was for the connector to take (or a process before the mark existed sent it).
if kept and not c[4] then fields = {'delivered', c.seq - 1} end
local seq, ts = stamp(c, ARGV[2], KEYS[4], fields)
if kept then redis.call('ZADD', KEYS[3], 'NX', ARGV[6], ARGV[1]) end
return {seq, ts}

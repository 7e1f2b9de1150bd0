-- Appends what the bot or a person says (see conversation-stamp.lua for KEYS and ARGV). Returns {seq, timestamp ms},
-- or {-1, 0} for an unknown conversation.
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
local seq, ts = stamp(ARGV[2])
return {seq, ts}

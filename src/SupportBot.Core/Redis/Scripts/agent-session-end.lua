-- KEYS: the session, the index. ARGV: session id, channel. Delete, unlist and announce in one step, so the news
-- goes out exactly once, by whoever really ended it.
local ended = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if ended == 1 then redis.call('PUBLISH', ARGV[2], ARGV[1]) end
return ended

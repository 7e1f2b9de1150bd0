-- KEYS[1] the turn lock; ARGV[1] the holder's token. Deletes the lease only while it is still this turn's: once it
-- lapsed, it may be another process's. Returns 1 if deleted.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0

-- KEYS[1] the turn lock; ARGV[1] the holder's token, ARGV[2] the lease in ms. Extends the lease only while it is
-- still this turn's, for the same reason as turn-lock-release.lua. Returns 1 if extended.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0

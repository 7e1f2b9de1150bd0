-- KEYS: hand-off hash. ARGV: position, retention ms.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'position', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1

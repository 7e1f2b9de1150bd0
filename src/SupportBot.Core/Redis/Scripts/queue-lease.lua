-- The queue policy's lease (RedisKeys.QueueLease): renew or release it, only while the caller still holds it, so a
-- process that paused past the lease time cannot extend or end the lease another process has taken since.
-- KEYS[1] the lease; ARGV[1] the caller's holder token; ARGV[2] 'renew' or 'release'; ARGV[3] the lease time in ms.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] == 'release' then
  redis.call('DEL', KEYS[1])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1

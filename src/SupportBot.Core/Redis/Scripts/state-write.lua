-- The state hash's eTag check and write in one step, its TTL set by the same script. KEYS[1] the state hash;
-- ARGV[1] the eTag the writer read ('' = write whatever is there), ARGV[2] the new one, ARGV[3] json, ARGV[4] ttl
-- (ms, 0 = no expiry). Returns 0 on an eTag conflict, else 1.
if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'etag') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[3], 'etag', ARGV[2])
if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
return 1

-- The state hash's eTag check and write in one step. Parameters: key (the state hash), expected (the eTag the
-- writer read, '' = write whatever is there), etag (the new one), json, ttl (ms, 0 = no expiry).
local expected = @expected
if expected ~= '' and redis.call('HGET', @key, 'etag') ~= expected then
  return 0
end
redis.call('HSET', @key, 'json', @json, 'etag', @etag)
if tonumber(@ttl) > 0 then redis.call('PEXPIRE', @key, @ttl) else redis.call('PERSIST', @key) end
return 1

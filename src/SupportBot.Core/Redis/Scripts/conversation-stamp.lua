-- Shared by the append scripts (put in front of them). KEYS[1] conversation hash, KEYS[2] log list; ARGV[1]
-- conversation id, ARGV[2] activity JSON without "id" and "timestamp" (starts with '{'), ARGV[3] the caller's clock
-- in Unix ms, ARGV[4] ttl ms, ARGV[5] channel.
-- conversation(...) reads the hash in one HMGET: user (written at creation, so nil means no such conversation),
-- seq, lastTs, then the fields asked for (from [4] on); nil for an unknown conversation. Its seq and ts are the next
-- activity's: ts = max(clock, last + 1), so timestamps strictly increase whichever process appends.
local function conversation(...)
  local c = redis.call('HMGET', KEYS[1], 'user', 'seq', 'lastTs', ...)
  if not c[1] then return nil end
  c.seq = tonumber(c[2] or '0') + 1
  c.ts = math.max(tonumber(ARGV[3]), tonumber(c[3] or '0') + 1)
  return c
end

-- Stamps, stores and publishes the activity as c's seq and ts, writing them (and the field-value pairs in fields)
-- with one HSET, renews the TTLs of both keys; returns seq, ts. archive is the archive:pending index (nil when the
-- archive is off): the conversation goes on it, keeping an earlier score.
local function stamp(c, json, archive, fields)
  local seq, ts = c.seq, c.ts
  redis.call('HSET', KEYS[1], 'seq', seq, 'lastTs', ts, unpack(fields))
  local s = math.floor(ts / 1000)
  local z = math.floor(s / 86400) + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local month = mp < 10 and mp + 3 or mp - 9
  local year = yoe + era * 400 + (month <= 2 and 1 or 0)
  local day = doy - math.floor((153 * mp + 2) / 5) + 1
  local sod = s % 86400
  local stamped = string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03d0000Z', year, month, day,
    math.floor(sod / 3600), math.floor(sod % 3600 / 60), sod % 60, ts % 1000)
  local full = '{"id":"' .. ARGV[1] .. '|' .. string.format('%07d', seq) .. '","timestamp":"' .. stamped .. '",' .. string.sub(json, 2)
  redis.call('RPUSH', KEYS[2], full)
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  if archive then redis.call('ZADD', archive, 'NX', ts, ARGV[1]) end
  redis.call('PUBLISH', ARGV[5], ARGV[1] .. '\n' .. seq .. '\n' .. full)
  return seq, ts
end

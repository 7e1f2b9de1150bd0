-- KEYS[1] conversation hash, KEYS[2] archive:pending, KEYS[3] archive:claims; ARGV[1] conversation id, ARGV[2] the
-- sequence the archive now has everything up to, ARGV[3] the ms the worker read the log at, or '' when the copy was
-- a part of what that read found. Moves 'archived' up only and takes the conversation off the queue once nothing is
-- after it (or it is gone). Otherwise a whole copy ends the hold and leaves it unarchived since ARGV[3] (what came
-- later was appended after that read); a part keeps both the hold and the time: the rest was there already and the
-- same worker goes on with it. Returns 'archived' (0 if gone).
local part = ARGV[3] == ''
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  return 0
end
local archived = math.max(tonumber(redis.call('HGET', KEYS[1], 'archived') or '0'), tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'archived', archived)
if archived >= tonumber(redis.call('HGET', KEYS[1], 'seq')) then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
elseif not part then
  redis.call('ZREM', KEYS[3], ARGV[1])
  redis.call('ZADD', KEYS[2], 'XX', ARGV[3], ARGV[1])
end
return archived

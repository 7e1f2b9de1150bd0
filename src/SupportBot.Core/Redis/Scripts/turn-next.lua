-- KEYS[1] pending zset, KEYS[2] log list, KEYS[3] pending index, KEYS[4] turn lock; ARGV[1] conversation id,
-- ARGV[2] the sequence whose turn is done ('' if none), ARGV[3] now ms, ARGV[4] the caller's lease token ('' if
-- none), ARGV[5] the lease in ms when the caller asks for the lock in this same step ('' if it holds it already):
-- then the lock is taken first (SET NX PX) and {-1, '', 0, 0} answered if another turn holds it, so a turn runner
-- starts with one round trip instead of two. ARGV[6] '1' when the caller has just appended an activity and holds
-- it: a fresh turn alone in the queue is then most likely that one, and is handed out without its json ('', the
-- caller reads the log if it holds another). Marks that turn done, then hands out the earliest pending turn:
-- {seq, json, 1 if it was handed out before}.
-- When none is left: takes the conversation off the index, releases the caller's lease if it still holds it (the
-- runner is done; one round trip fewer than releasing apart), and returns {0, '', 0, 1 if released}.
-- A turn handed out gets the score seq - 0.5 (still in order): a second hand-out means its run was cut short and
-- its replies may be in the log already, which only then is worth reading.
-- With KEYS[5] (the conversation state's hash) and KEYS[6] (the hand-off record's hash), a turn handed out comes
-- with what it reads first: {seq, json, resumed, 0, state json, state etag, hand-off fields as HGETALL gives them}.
-- Read here, under the lock just taken or held, they are what the turn would read, without two round trips of its own.
if ARGV[5] ~= '' and not redis.call('SET', KEYS[4], ARGV[4], 'PX', ARGV[5], 'NX') then return {-1, '', 0, 0} end
if ARGV[2] ~= '' then redis.call('ZREM', KEYS[1], ARGV[2]) end
local held = ARGV[6] == '1'
local first = redis.call('ZRANGE', KEYS[1], 0, held and 1 or 0, 'WITHSCORES')
if #first > 0 then
  local seq = tonumber(first[1])
  local before = tonumber(first[2]) ~= seq
  local json = (held and #first == 2 and not before) and '' or redis.call('LINDEX', KEYS[2], seq - 1)
  if json then
    if not before then redis.call('ZADD', KEYS[1], 'XX', seq - 0.5, first[1]) end
    -- The queue moved: its clock on the index restarts, so recovery leaves it to whoever runs it.
    if ARGV[2] ~= '' then redis.call('ZADD', KEYS[3], 'XX', ARGV[3], ARGV[1]) end
    if KEYS[6] then
      local state = redis.call('HMGET', KEYS[5], 'json', 'etag')
      return {seq, json, before and 1 or 0, 0, state[1], state[2], redis.call('HGETALL', KEYS[6])}
    end
    return {seq, json, before and 1 or 0, 0}
  end
  redis.call('DEL', KEYS[1])
end
redis.call('ZREM', KEYS[3], ARGV[1])
local released = 0
if ARGV[4] ~= '' and redis.call('GET', KEYS[4]) == ARGV[4] then released = redis.call('DEL', KEYS[4]) end
return {0, '', 0, released}

-- Appends one activity to a conversation's log and publishes it to the conversation's stream, in one round trip.
-- KEYS[1] the activity list, KEYS[2] the stream channel.
-- ARGV[1] the activity's JSON up to its sequence number (it ends inside the "id" string), ARGV[2] the rest.
-- Returns the activity's sequence number (0 for the first), which is also the stream's watermark after it.
local sequence = redis.call('LLEN', KEYS[1])
local activity = ARGV[1] .. string.format('%07d', sequence) .. ARGV[2]
redis.call('RPUSH', KEYS[1], activity)
redis.call('PUBLISH', KEYS[2], '{"activities":[' .. activity .. '],"watermark":"' .. sequence .. '"}')
return sequence

namespace SupportBot.Conversations;

/// <summary>The Lua scripts of <see cref="RedisConversationLog"/>; each runs atomically, so every process sees one order.</summary>
internal static class RedisConversationScripts
{
    // Needs KEYS[1] conversation hash, KEYS[2] log list; ARGV[1] conversation id, ARGV[2] activity JSON without
    // "id" and "timestamp" (starts with '{'), ARGV[3] the caller's clock in Unix ms, ARGV[4] ttl ms, ARGV[5] channel.
    // Stamps max(clock, last + 1) so timestamps strictly increase whichever process appends; leaves seq and ts.
    private const string Stamp = """
        local ts = math.max(tonumber(ARGV[3]), tonumber(redis.call('HGET', KEYS[1], 'lastTs') or '0') + 1)
        local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
        redis.call('HSET', KEYS[1], 'lastTs', ts)
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
        local stamp = string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03d0000Z', year, month, day,
          math.floor(sod / 3600), math.floor(sod % 3600 / 60), sod % 60, ts % 1000)
        local json = '{"id":"' .. ARGV[1] .. '|' .. string.format('%07d', seq) .. '","timestamp":"' .. stamp .. '",' .. string.sub(ARGV[2], 2)
        redis.call('RPUSH', KEYS[2], json)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        redis.call('PUBLISH', ARGV[5], ARGV[1] .. '\n' .. seq .. '\n' .. json)
        """;

    /// <summary>As <see cref="Stamp"/>. Returns {seq, timestamp ms}, or {-1, 0} for an unknown conversation.</summary>
    public const string Append = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
        {{Stamp}}
        return {seq, ts}
        """;

    /// <summary>
    /// As <see cref="Stamp"/>, plus KEYS[3] pending zset, KEYS[4] client-id hash, KEYS[5] pending index; ARGV[6]
    /// '1' if the activity starts a turn, ARGV[7] its clientActivityID or ''. A known clientActivityID appends
    /// nothing. Returns {seq, timestamp ms, 1 if a duplicate}, or {-1, 0, 0} for an unknown conversation.
    /// </summary>
    public const string AppendIncoming = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0, 0} end
        if ARGV[7] ~= '' then
          local first = redis.call('HGET', KEYS[4], ARGV[7])
          if first then return {tonumber(first), 0, 1} end
        end
        {{Stamp}}
        if ARGV[7] ~= '' then
          redis.call('HSET', KEYS[4], ARGV[7], seq)
          redis.call('PEXPIRE', KEYS[4], ARGV[4])
        end
        if ARGV[6] == '1' then
          redis.call('ZADD', KEYS[3], seq, seq)
          redis.call('PEXPIRE', KEYS[3], ARGV[4])
          redis.call('ZADD', KEYS[5], 'NX', ARGV[3], ARGV[1])
        end
        return {seq, ts, 0}
        """;

    /// <summary>
    /// KEYS[1] pending zset, KEYS[2] log list, KEYS[3] pending index; ARGV[1] conversation id. Returns {seq, json}
    /// of the earliest pending turn, or nil (and takes the conversation off the index) when none is left.
    /// </summary>
    public const string NextPending = """
        local first = redis.call('ZRANGE', KEYS[1], 0, 0)
        if #first > 0 then
          local json = redis.call('LINDEX', KEYS[2], tonumber(first[1]) - 1)
          if json then return {first[1], json} end
          redis.call('DEL', KEYS[1])
        end
        redis.call('ZREM', KEYS[3], ARGV[1])
        return nil
        """;

    /// <summary>
    /// KEYS[1] pending zset, KEYS[2] pending index; ARGV[1] seq, ARGV[2] conversation id, ARGV[3] now ms. The
    /// conversation leaves the index with its last pending turn; otherwise its clock there restarts, since it moved.
    /// </summary>
    public const string Complete = """
        redis.call('ZREM', KEYS[1], ARGV[1])
        if redis.call('ZCARD', KEYS[1]) == 0 then
          redis.call('ZREM', KEYS[2], ARGV[2])
        else
          redis.call('ZADD', KEYS[2], 'XX', ARGV[3], ARGV[2])
        end
        return 1
        """;
}

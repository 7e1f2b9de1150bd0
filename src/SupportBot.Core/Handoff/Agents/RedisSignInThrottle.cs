using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Redis;
using static SupportBot.Handoff.Agents.SignInLimits;

namespace SupportBot.Handoff.Agents;

/// <summary>
/// The sign-in throttle in Redis, so its limits hold across server processes. Each reservation is one Lua script:
/// check both limits and count the failure together, so no two processes can both take the last check.
/// </summary>
public sealed class RedisSignInThrottle(IConnectionMultiplexer redis, RedisKeys keys, IOptions<AgentsOptions> options, TimeProvider clock)
    : ISignInThrottle
{
    // KEYS: account hash, address hash, trusted set, throttles index. ARGV: now ms, address, failures per address,
    // window ms, failures before back-off, first back-off ms, back-off max ms, index member of the account.
    // Returns {1, 0} when the check is reserved, {0, ms to wait} when refused. Mirrors MemorySignInThrottle.
    private const string BeginScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[4])
        local pairFailures = tonumber(redis.call('HGET', KEYS[2], 'failures') or '0')
        local ends = tonumber(redis.call('HGET', KEYS[2], 'ends') or '0')
        if ends <= now then pairFailures = 0; ends = now + window end
        if pairFailures >= tonumber(ARGV[3]) then return {0, ends - now} end
        local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
        local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
        local free = tonumber(ARGV[5])
        local trusted = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[2]) or '0')
        if failures >= free and trusted <= now then
            local backoffEnds = last + math.min(tonumber(ARGV[6]) * 2 ^ math.min(failures - free, 30), tonumber(ARGV[7]))
            if now < backoffEnds then return {0, backoffEnds - now} end
        end
        redis.call('HSET', KEYS[2], 'failures', pairFailures + 1, 'ends', ends)
        redis.call('PEXPIRE', KEYS[2], ends - now)
        redis.call('HSET', KEYS[1], 'failures', failures + 1, 'last', now)
        redis.call('PEXPIRE', KEYS[1], window)
        redis.call('ZADD', KEYS[4], ends, ARGV[8] .. ARGV[2], now + window, ARGV[8])
        return {1, 0}
        """;

    // KEYS: as above. ARGV: now ms, address, trusted lifetime ms, index member of the account.
    private const string SucceededScript = """
        redis.call('DEL', KEYS[2])
        redis.call('ZREM', KEYS[4], ARGV[4] .. ARGV[2])
        if tonumber(redis.call('HGET', KEYS[1], 'failures') or '0') > 0 then redis.call('HINCRBY', KEYS[1], 'failures', -1) end
        local now = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
        redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), ARGV[2])
        redis.call('PEXPIRE', KEYS[3], ARGV[3])
        return 1
        """;

    public async Task<SignInPermit> TryBeginAsync(string account, string? address, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var (name, from) = (NormalizeAccount(account), NormalizeAddress(address));
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(BeginScript, Keys(name, from),
        [
            Now(), from, limits.SignInFailuresPerAddress, (long)limits.SignInFailureWindow.TotalMilliseconds,
            limits.SignInFailuresBeforeBackoff, (long)FirstBackoff.TotalMilliseconds, (long)limits.SignInBackoffMax.TotalMilliseconds, Member(name, ""),
        ]))!;
        return (long)result[0] == 1 ? SignInPermit.Granted : SignInPermit.Refused(TimeSpan.FromMilliseconds((long)result[1]));
    }

    public async Task SucceededAsync(string account, string? address, CancellationToken cancellationToken = default)
    {
        var (name, from) = (NormalizeAccount(account), NormalizeAddress(address));
        await redis.GetDatabase().ScriptEvaluateAsync(SucceededScript, Keys(name, from),
            [Now(), from, (long)options.Value.SignInTrustedAddressLifetime.TotalMilliseconds, Member(name, "")]);
    }

    public async Task<IReadOnlyList<SignInLockout>> ListAsync(CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        var db = redis.GetDatabase();
        await db.SortedSetRemoveRangeByScoreAsync(keys.SignInThrottles, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        var members = (await db.SortedSetRangeByRankAsync(keys.SignInThrottles)).Select(m => m.ToString().Split('\n', 2)).ToList();
        var entries = await Task.WhenAll(members.Select(m => db.HashGetAsync(
            m[1].Length == 0 ? keys.SignInAccount(m[0]) : keys.SignInAddress(m[0], m[1]), ["failures", m[1].Length == 0 ? "last" : "ends"])));

        var lockouts = new List<SignInLockout>();
        for (var i = 0; i < members.Count; i++)
        {
            var (account, address, failures, time) = (members[i][0], members[i][1], (int?)entries[i][0], (long?)entries[i][1]);
            if (failures is not { } count || time is not { } ms)
            {
                continue;
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            if (address.Length > 0 && count >= limits.SignInFailuresPerAddress && at > now)
            {
                lockouts.Add(new SignInLockout(account, address, count, at));
            }
            else if (address.Length == 0 && count >= limits.SignInFailuresBeforeBackoff)
            {
                lockouts.Add(new SignInLockout(account, null, count, at + Backoff(count, limits)));
            }
        }

        return lockouts;
    }

    public async Task ClearAsync(string account, CancellationToken cancellationToken = default)
    {
        var name = NormalizeAccount(account);
        var db = redis.GetDatabase();
        var members = (await db.SortedSetRangeByRankAsync(keys.SignInThrottles))
            .Where(m => m.ToString().StartsWith(Member(name, ""), StringComparison.Ordinal))
            .ToArray();
        var addresses = members.Select(m => m.ToString()[Member(name, "").Length..]).Where(a => a.Length > 0);
        await db.KeyDeleteAsync([keys.SignInAccount(name), .. addresses.Select(a => keys.SignInAddress(name, a))]);
        await db.SortedSetRemoveAsync(keys.SignInThrottles, members);
    }

    private RedisKey[] Keys(string account, string address) =>
        [keys.SignInAccount(account), keys.SignInAddress(account, address), keys.SignInTrusted(account), keys.SignInThrottles];

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Member(string account, string address) => $"{account}\n{address}";
}

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
    // Check both limits and count the failure together; the KEYS and ARGV are described in the scripts.
    private static readonly LuaScript BeginScript = RedisScripts.Load("agent-signin-begin");
    private static readonly LuaScript SucceededScript = RedisScripts.Load("agent-signin-succeeded");

    public async Task<SignInPermit> TryBeginAsync(string account, string? address, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var (name, from) = (NormalizeAccount(account), NormalizeAddress(address));
        var result = (RedisResult[])(await BeginScript.EvaluateAsync(redis.GetDatabase(), Keys(name, from),
        [
            Now(), from, limits.SignInFailuresPerAddress, (long)limits.SignInFailureWindow.TotalMilliseconds,
            limits.SignInFailuresBeforeBackoff, (long)FirstBackoff.TotalMilliseconds, (long)limits.SignInBackoffMax.TotalMilliseconds, Member(name, ""),
        ]))!;
        return (long)result[0] == 1 ? SignInPermit.Granted : SignInPermit.Refused(TimeSpan.FromMilliseconds((long)result[1]));
    }

    public async Task SucceededAsync(string account, string? address, CancellationToken cancellationToken = default)
    {
        var (name, from) = (NormalizeAccount(account), NormalizeAddress(address));
        await SucceededScript.EvaluateAsync(redis.GetDatabase(), Keys(name, from),
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

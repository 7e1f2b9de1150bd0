using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Agents;

/// <summary>
/// Failed sign-ins per account name in Redis, so a lockout holds across server processes. Names count case
/// insensitively (account ids are lower case): "Ada" and "ada" share one count.
/// </summary>
public sealed class RedisSignInAttempts(IConnectionMultiplexer redis, RedisKeys keys) : ISignInAttempts
{
    // KEYS: the name's counter. ARGV: window ms. INCR and the expiry in one script, so no crash between them leaves
    // a counter that never expires. Only a counter without an expiry (the first failure's) gets one: later failures
    // do not stretch the window.
    private const string FailedScript = """
        local count = redis.call('INCR', KEYS[1])
        if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    public async Task<int> FailedAsync(string name, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var count = await redis.GetDatabase().ScriptEvaluateAsync(FailedScript, [keys.SignInFailures(Normalize(name))], [(long)window.TotalMilliseconds]);
        return (int)count;
    }

    public async Task<int> CountAsync(string name, CancellationToken cancellationToken = default)
    {
        var count = await redis.GetDatabase().StringGetAsync(keys.SignInFailures(Normalize(name)));
        return count.IsNull ? 0 : (int)count;
    }

    public async Task ResetAsync(string name, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().KeyDeleteAsync(keys.SignInFailures(Normalize(name)));

    internal static string Normalize(string name) => name.Trim().ToLowerInvariant();
}

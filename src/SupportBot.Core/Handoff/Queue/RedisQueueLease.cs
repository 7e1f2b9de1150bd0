using System.Globalization;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// The queue policy's lease in Redis (<see cref="RedisKeys.QueueLease"/>): taken with SET NX PX, renewed and released
/// by compare-and-set in queue-lease.lua, so only the holder's token extends or ends it.
/// </summary>
public sealed class RedisQueueLease(IConnectionMultiplexer redis, RedisKeys keys) : IQueueLease
{
    /// <summary>
    /// How long the holder holds the lease without renewing it. The holder renews it every pass (at most 5 s apart);
    /// when it dies, another process takes over within this time.
    /// </summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    private static readonly LuaScript Script = RedisScripts.Load("queue-lease");
    private readonly string _token = Guid.NewGuid().ToString("N");
    private readonly TimeSpan _leaseTime = LeaseTime;

    /// <summary>A lease of another length: for tests that watch it expire.</summary>
    internal RedisQueueLease(IConnectionMultiplexer redis, RedisKeys keys, TimeSpan leaseTime)
        : this(redis, keys) => _leaseTime = leaseTime;

    public async Task<bool> HoldAsync(CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        return await db.StringSetAsync(keys.QueueLease, _token, _leaseTime, When.NotExists)
            || await RunAsync(db, "renew");
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(redis.GetDatabase(), "release");

    private async Task<bool> RunAsync(IDatabase db, string mode) =>
        (int)await Script.EvaluateAsync(db, [keys.QueueLease], [_token, mode, ((long)_leaseTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]) == 1;
}

using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// The queue policy's lease in Redis (<see cref="RedisKeys.QueueLease"/>): taken with SET NX PX, renewed and released
/// by compare-and-set in queue-lease.lua, so only the holder's token extends or ends it.
/// </summary>
public sealed class RedisQueueLease(IConnectionMultiplexer redis, RedisKeys keys, IOptions<HandoffOptions> options) : IQueueLease
{
    private static readonly LuaScript Script = RedisScripts.Load("queue-lease");
    private readonly string _token = Guid.NewGuid().ToString("N");

    public async Task<bool> HoldAsync(CancellationToken cancellationToken = default)
    {
        var lease = options.Value.QueueLeaseTime;
        var db = redis.GetDatabase();
        return await db.StringSetAsync(keys.QueueLease, _token, lease, When.NotExists)
            || await RunAsync(db, "renew", lease);
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(redis.GetDatabase(), "release", options.Value.QueueLeaseTime);

    private async Task<bool> RunAsync(IDatabase db, string mode, TimeSpan lease) =>
        (int)await Script.EvaluateAsync(db, [keys.QueueLease], [_token, mode, ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]) == 1;
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Redis;

/// <summary>
/// Redis replicates asynchronously: a primary killed before it sent a write on to its replica takes that write with it,
/// and Sentinel promotes the replica without it. With Redis:WaitForReplicas above 0 an append is acknowledged only
/// once that many replicas have it (WAIT after the append script, on the same connection, so it covers that write
/// and every earlier one), which a failover then cannot lose. Off (0), nothing more is sent.
/// </summary>
public sealed class RedisReplicaWait(IOptions<RedisOptions> options, TimeProvider clock, ILogger<RedisReplicaWait> logger)
{
    private const string WaitCommand = "WAIT";
    private static readonly TimeSpan WarningEvery = TimeSpan.FromMinutes(1);

    private readonly int _replicas = options.Value.WaitForReplicas;
    private readonly long _timeoutMs = (long)options.Value.WaitTimeout.TotalMilliseconds;
    private long _lastWarningTicks = long.MinValue;

    public bool IsOn => _replicas > 0;

    /// <summary>Waits until the replicas have every write this process made so far; call it only when <see cref="IsOn"/>.</summary>
    public async Task AfterWriteAsync(IDatabaseAsync db)
    {
        var acknowledged = (long)await db.ExecuteAsync(WaitCommand, [_replicas, _timeoutMs], CommandFlags.DemandMaster);
        if (acknowledged < _replicas)
        {
            Warn(acknowledged);
        }
    }

    // Without a replica every append meets this; one line a minute says so without flooding the log.
    private void Warn(long acknowledged)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= WarningEvery.Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            logger.LogWarning(
                "Only {Acknowledged} of {Wanted} Redis replica(s) confirmed an append within {Timeout} ms (Redis:WaitForReplicas, Redis:WaitTimeout); it was acknowledged all the same and a failover now could lose it",
                acknowledged, _replicas, _timeoutMs.ToString(CultureInfo.InvariantCulture));
        }
    }
}

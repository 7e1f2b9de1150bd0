using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace SupportBot.Redis;

/// <summary>
/// What every connection to Redis needs to follow a Sentinel failover (a <c>serviceName=</c> in Redis:ConnectionString):
/// StackExchange.Redis asks the sentinels for the primary, connects to it and moves there, subscriptions included,
/// when they announce a new one.
/// </summary>
public static class RedisFailover
{
    public static bool IsSentinel(ConfigurationOptions options) => !string.IsNullOrEmpty(options.ServiceName);

    /// <summary>
    /// Behind Sentinel a command meeting a dead primary fails at once (503, which clients retry) instead of waiting in
    /// the backlog: the backlog waits for the old endpoint, so commands queued there run out their timeout even after
    /// the new primary is connected. Measured on loopback: turns carry on about 1 s after the promotion this way, about
    /// 6 s with the backlog. Without Sentinel the backlog stays: it carries commands over a restart of the one server.
    /// Behind Sentinel the connection also gets <see cref="SentinelDefaults"/> for what its string does not set.
    /// </summary>
    public static ConfigurationOptions Prepare(ConfigurationOptions options)
    {
        if (IsSentinel(options))
        {
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.Defaults = new SentinelDefaults();
            ReserveThreads();
        }

        return options;
    }

    /// <summary>Worker threads the pool starts at once, without its injection delay, when a failover needs them.</summary>
    public const int MinWorkerThreads = 64;

    /// <summary>
    /// The library follows a Sentinel switch with blocking waits on pool threads (each reconfiguration, each sentinel
    /// query), while the turns in flight hold others. With the pool's minimum at the core count, the pool then adds a
    /// thread only every half second or so, and the process stood still for 5 to 15 s with the new primary already
    /// connected (its log silent, 16 busy workers and 58 queued items when it woke; 2026-12-04, 2 cores). Raising the
    /// minimum costs nothing until the threads are needed: idle ones retire.
    /// </summary>
    private static void ReserveThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinWorkerThreads, completionPorts);
        }
    }
}

/// <summary>
/// Connection defaults for following a failover fast; a value in the connection string (connectTimeout=...) still wins.
/// The library's own defaults made the gap after a kill -9 of the primary 5 to 18 s (bench/run-failover.sh, measured
/// 2026-12-04), in steps of its connect timeout: every reconfiguration after a switch, and there are several, waits
/// up to connectTimeout (5 s) for every endpoint Sentinel lists, the dead primary included, and a lost connection is
/// retried no sooner than connectTimeout / 2 after the last try, more slowly each time. Sentinel closes every client
/// connection of the replica it promotes, so the new primary is itself one of those retried connections.
/// </summary>
public sealed class SentinelDefaults : DefaultOptionsProvider
{
    /// <summary>A Redis on the same network answers a connect within milliseconds; a dead one is given up on in 1 s.</summary>
    public static readonly TimeSpan ConnectTimeoutDefault = TimeSpan.FromSeconds(1);

    /// <summary>A lost connection is tried again every 500 ms (checked on each heartbeat), never backing off further.</summary>
    public const int ReconnectEveryMilliseconds = 500;

    /// <summary>The heartbeat drives the reconnects; twice a second instead of once.</summary>
    public static readonly TimeSpan HeartbeatIntervalDefault = TimeSpan.FromMilliseconds(500);

    public override TimeSpan? ConnectTimeout => ConnectTimeoutDefault;

    public override IReconnectRetryPolicy? ReconnectRetryPolicy => new LinearRetry(ReconnectEveryMilliseconds);

    public override TimeSpan HeartbeatInterval => HeartbeatIntervalDefault;
}

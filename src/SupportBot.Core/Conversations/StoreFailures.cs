using StackExchange.Redis;

namespace SupportBot.Conversations;

/// <summary>Failures that mean "the store is away for now", after which work is kept and retried rather than given up.</summary>
public static class StoreFailures
{
    /// <remarks>
    /// READONLY is the answer of a primary Sentinel has just demoted to a replica, before this process has heard of
    /// the new primary: it passes with the failover. LOADING is the answer of a Redis that restarted and is reading its
    /// data back (an AOF or RDB file) on a connection that reached it meanwhile: it passes once the data is in.
    /// </remarks>
    public static bool IsTransient(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException
        || (exception is RedisServerException && (exception.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || exception.Message.StartsWith("LOADING", StringComparison.Ordinal)));
}

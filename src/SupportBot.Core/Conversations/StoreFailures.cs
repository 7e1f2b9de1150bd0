using StackExchange.Redis;

namespace SupportBot.Conversations;

/// <summary>Failures that mean "the store is away for now", after which work is kept and retried rather than given up.</summary>
public static class StoreFailures
{
    public static bool IsTransient(Exception exception) => exception is RedisConnectionException or RedisTimeoutException;
}

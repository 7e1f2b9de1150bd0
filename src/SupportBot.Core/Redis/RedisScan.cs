using StackExchange.Redis;

namespace SupportBot.Redis;

/// <summary>
/// Walks every key of a pattern on the primary (SCAN, a page at a time, never KEYS): for the rare job that has no
/// index to go by, such as a privacy request looking for a customer's files and state.
/// </summary>
public static class RedisScan
{
    public static async IAsyncEnumerable<RedisKey> KeysAsync(IConnectionMultiplexer redis, string pattern)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica || !server.IsConnected)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1000))
            {
                yield return key;
            }
        }
    }
}

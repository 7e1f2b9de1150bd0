using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace SupportBot.Web.Platform;

/// <summary>
/// Healthy once the server can serve turns: always on the in-memory stores; with Redis configured, only while Redis
/// answers a ping and this process's pub/sub connection is up (without that, its WebSockets would miss new activities).
/// </summary>
public sealed class StoreHealthCheck(IServiceProvider services) : IHealthCheck
{
    public const string NotReachable = "Redis is configured but not reachable.";
    public const string NotSubscribed = "Not yet subscribed to new activities in Redis.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["store"] = "memory" });
        }

        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy(NotReachable);
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            // Streams subscribe to their conversations' channels on this connection as they open.
            if (!redis.GetSubscriber().IsConnected())
            {
                return HealthCheckResult.Unhealthy(NotSubscribed);
            }

            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["store"] = "redis", ["redisPingMs"] = latency.TotalMilliseconds });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(NotReachable, ex);
        }
    }
}

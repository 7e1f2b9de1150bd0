using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Web.Platform;

/// <summary>
/// Healthy once the server can serve turns: always on the in-memory stores; with Redis configured, only while Redis
/// answers a ping and this process is subscribed to new activities (without that, its WebSockets would miss them).
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
            if (!redis.GetSubscriber().IsConnected(services.GetRequiredService<RedisKeys>().ActivityAppended))
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

using StackExchange.Redis;
using SupportBot.Redis;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync);
        return app;
    }

    /// <summary>200 once the server can serve turns: with Redis configured, only while Redis answers.</summary>
    private static async Task<IResult> CheckAsync(IServiceProvider services)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return Results.Json(new { status = "ok", store = "memory" });
        }

        if (!redis.IsConnected)
        {
            return ApiError.Result(503, ErrorCodes.ServiceUnavailable, "Redis is configured but not reachable.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            if (!redis.GetSubscriber().IsConnected(services.GetRequiredService<RedisKeys>().ActivityAppended))
            {
                return ApiError.Result(503, ErrorCodes.ServiceUnavailable, "Not yet subscribed to new activities in Redis.");
            }

            return Results.Json(new { status = "ok", store = "redis", redisPingMs = latency.TotalMilliseconds });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return ApiError.Result(503, ErrorCodes.ServiceUnavailable, "Redis is configured but not reachable.");
        }
    }
}

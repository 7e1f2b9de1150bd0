using StackExchange.Redis;

namespace SupportBot.Web.Hosting;

/// <summary>
/// Says in the log when this process loses and regains Redis, with the server's address: behind Sentinel that is
/// how an operator sees the failover from the process's side (which primary it left and which it found).
/// </summary>
public sealed class RedisConnectionEvents
{
    private RedisConnectionEvents()
    {
    }

    public static void Log(IConnectionMultiplexer connection, ILogger<RedisConnectionEvents> logger)
    {
        // Each server has a command and a subscription connection; one line per server is enough.
        connection.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                logger.LogWarning(e.Exception, "Lost Redis at {EndPoint} ({FailureType}); reconnecting", e.EndPoint, e.FailureType);
            }
        };
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                logger.LogInformation("Connected to Redis at {EndPoint} again", e.EndPoint);
            }
        };
    }
}

using StackExchange.Redis;

namespace SupportBot.Tests;

/// <summary>
/// The real redis-server that tests named *ServerTests talk to: SUPPORTBOT_TEST_REDIS (host:port), which the
/// test script starts, or a local default. Under CI a missing server fails the test; elsewhere it skips with a
/// message saying how to get one.
/// </summary>
public static class RedisTestServer
{
    public const string EnvironmentVariable = "SUPPORTBOT_TEST_REDIS";

    private static readonly Lazy<(ConnectionMultiplexer? Connection, string? Problem)> Shared = new(Open);

    public static string Configuration => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
        ? configured
        : "127.0.0.1:6379";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shared connection, or the test stops here (skipped locally, failed under CI).</summary>
    public static IConnectionMultiplexer Connect()
    {
        var (connection, problem) = Shared.Value;
        if (connection is not null)
        {
            return connection;
        }

        if (IsCi)
        {
            Assert.Fail($"CI=true and Redis is not reachable: {problem}");
        }

        Assert.Skip($"Redis is not reachable ({problem}); run ./test.sh, which starts one, or set {EnvironmentVariable}.");
        return null!;
    }

    /// <summary>A second, separate connection: what another server process would have.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAnotherAsync()
    {
        Connect();
        return await ConnectionMultiplexer.ConnectAsync(Configuration);
    }

    /// <summary>A key prefix no other test uses, so tests share one Redis without seeing each other's keys.</summary>
    public static string UniquePrefix() => $"test-{Guid.NewGuid():N}:";

    private static (ConnectionMultiplexer?, string?) Open()
    {
        try
        {
            var options = ConfigurationOptions.Parse(Configuration);
            options.ConnectTimeout = 3000;
            options.AbortOnConnectFail = true;
            return (ConnectionMultiplexer.Connect(options), null);
        }
        catch (RedisConnectionException ex)
        {
            return (null, $"{Configuration}: {ex.Message}");
        }
    }
}

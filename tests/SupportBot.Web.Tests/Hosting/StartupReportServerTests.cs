using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Hosting;

namespace SupportBot.Tests.Hosting;

public class StartupReportServerTests
{
    [Fact]
    public async Task WithRedisTheStartupLogSaysWhichServerHoldsTheConversations()
    {
        RedisTestServer.Connect();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
        });

        var line = Assert.Single(app.Logs.Entries, e => e.Category == typeof(StartupReport).FullName && e.Message.StartsWith("Conversation store:", StringComparison.Ordinal));

        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith("Conversation store: Redis at ", line.Message);
        Assert.Contains("(connected)", line.Message);
    }

    [Fact]
    public async Task BehindSentinelTheStartupLogNamesTheServiceAndThePrimaryItFound()
    {
        await using var redis = await RedisSentinelGroup.StartAsync(TestPorts.Next);
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
        });

        var line = Assert.Single(app.Logs.Entries, e => e.Category == typeof(StartupReport).FullName && e.Message.StartsWith("Conversation store:", StringComparison.Ordinal));

        Assert.StartsWith($"Conversation store: Redis primary 127.0.0.1:{redis.PrimaryPort} of Sentinel service {RedisSentinelGroup.ServiceName}", line.Message);
    }
}

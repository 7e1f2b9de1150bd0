using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Platform;

public class HealthServerTests
{
    [Fact]
    public async Task WithRedisReachableTheServerSaysSo()
    {
        RedisTestServer.Connect();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
        });

        var health = await ReadObjectAsync(await app.Client.Http.GetAsync("/healthz"));

        Assert.Equal("redis", health["store"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithRedisReachableTheAnswerIsOkWithThePingTime()
    {
        RedisTestServer.Connect();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
        });

        var health = await ReadObjectAsync(await app.Client.Http.GetAsync("/healthz"));

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.True(health["redisPingMs"]!.GetValue<double>() >= 0);
    }
}

using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Platform;

public class HealthServerTests
{
    [Fact]
    public async Task WithRedisReachableTheServerSaysSo()
    {
        await using var app = await StartOnRedisAsync();

        var health = await ReadObjectAsync(await app.Client.Http.GetAsync("/healthz"));

        Assert.Equal("redis", health["store"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithRedisReachableTheAnswerIsOkWithThePingTime()
    {
        await using var app = await StartOnRedisAsync();

        var health = await ReadObjectAsync(await app.Client.Http.GetAsync("/healthz"));

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.True(health["redisPingMs"]!.GetValue<double>() >= 0);
    }

    private static Task<TestApp> StartOnRedisAsync()
    {
        RedisTestServer.Connect();
        return TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
        });
    }
}

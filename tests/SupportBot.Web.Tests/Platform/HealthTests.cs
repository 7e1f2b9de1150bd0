using System.Text.Json.Nodes;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Platform;

public class HealthTests
{
    [Fact]
    public async Task WithoutRedisTheServerIsHealthyOnItsInMemoryStore()
    {
        await using var app = await TestApp.StartAsync();

        var health = await ReadObjectAsync(await app.Client.Http.GetAsync("/healthz"));

        Assert.Equal("memory", health["store"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutRedisTheAnswerIsOkAndNamesNoPingTime()
    {
        await using var app = await TestApp.StartAsync();

        var health = await ReadObjectAsync(await app.Client.Http.GetAsync("/healthz"));

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal(["status", "store"], health.Select(p => p.Key));
    }

    [Fact]
    public async Task WithRedisConfiguredButUnreachableTheServerIsNotReady()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Redis:ConnectionString"] = "127.0.0.1:1,connectTimeout=200" });

        await AssertErrorAsync(await app.Client.Http.GetAsync("/healthz"), 503, "ServiceUnavailable");
    }
}

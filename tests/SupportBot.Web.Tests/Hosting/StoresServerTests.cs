using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Hosting;

public class StoresServerTests
{
    [Fact]
    public async Task WithRedisEveryStoreIsItsRedisImplementation()
    {
        RedisTestServer.Connect();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
        });

        Assert.All(StoreTypes.Resolve(app.Services), store => Assert.StartsWith("Redis", store.Name, StringComparison.Ordinal));
    }
}

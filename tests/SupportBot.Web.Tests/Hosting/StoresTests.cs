using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Hosting;

public class StoresTests
{
    [Fact]
    public async Task WithoutRedisEveryStoreIsItsInMemoryTwin()
    {
        await using var app = await TestApp.StartAsync();

        Assert.All(StoreTypes.Resolve(app.Services), store => Assert.StartsWith("Memory", store.Name, StringComparison.Ordinal));
    }
}

using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Hosting;

namespace SupportBot.Tests.Hosting;

public class StartupReportTests
{
    [Fact]
    public async Task WithoutRedisTheStartupLogWarnsThatConversationsLiveInMemory()
    {
        await using var app = await TestApp.StartAsync();

        var line = Assert.Single(app.Logs.Entries, e => e.Category == typeof(StartupReport).FullName && e.Message.StartsWith("Conversation store:", StringComparison.Ordinal));

        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.StartsWith("Conversation store: in-memory", line.Message);
        Assert.Contains("lost when this process stops", line.Message);
    }
}

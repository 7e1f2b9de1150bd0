using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Insights.Archive;
using SupportBot.Redis;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.DirectLine;

namespace SupportBot.Tests.DirectLine;

/// <summary>
/// The warm-up before the server listens: its turns ran, in process and over HTTP to the copy's own port, and nothing of
/// them is left where the server's own data lives (Redis or memory, the pending turns, the archive).
/// </summary>
public class WarmUpServerTests
{
    [Fact]
    public async Task WithRedisTheWarmUpRunsItsTurnsAndLeavesNoKeyBehind()
    {
        var prefix = RedisTestServer.UniquePrefix();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = prefix,
            ["WarmUp:Turns"] = "48",
            ["WarmUp:HttpTurns"] = "12",
        });

        var line = OnlyLine(app);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith("Warmed up with 48 turns on Redis and 12 over HTTP", line.Message);

        var redis = RedisTestServer.Connect();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var warmUpKeys = await server.KeysAsync(pattern: $"{prefix}warm-up:*").ToListAsync();
        Assert.Empty(warmUpKeys);
        var log = app.Services.GetRequiredService<IConversationLog>();
        Assert.Empty(await log.ListAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(0, await redis.GetDatabase().SortedSetLengthAsync(app.Services.GetRequiredService<RedisKeys>().PendingTurnIndex));
        await AssertTheArchiveHasNoneOfItsConversationsAsync(app);

        // And the server it warmed answers its first customer as usual.
        var conversation = await app.Client.StartAsync();
        var reply = await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "What can you do?"));
        Assert.False(string.IsNullOrWhiteSpace(reply["text"]?.GetValue<string>()));
    }

    [Fact]
    public async Task WithoutRedisTheWarmUpRunsOnTheInMemoryStoresOfACopyAndTheServersOwnStayEmpty()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["WarmUp:Turns"] = "24", ["WarmUp:HttpTurns"] = "6" });

        var line = OnlyLine(app);
        Assert.StartsWith("Warmed up with 24 turns in memory and 6 over HTTP", line.Message);
        var log = app.Services.GetRequiredService<IConversationLog>();
        Assert.Empty(await log.ListAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)));
        await AssertTheArchiveHasNoneOfItsConversationsAsync(app);
    }

    // The warm-up's one line, its summary; a warning beside it (turns over HTTP that stopped) fails with its exception.
    private static LogCapture.Entry OnlyLine(TestApp app)
    {
        var lines = app.Logs.Entries.Where(e => e.Category == typeof(WarmUp).FullName).ToList();
        Assert.True(lines.Count == 1, string.Join("\n", lines.Select(e => $"{e.Level}: {e.Message} {e.Exception}")));
        return lines[0];
    }

    // The copy shares the server's archive settings but runs none of its background services, so no archive worker of
    // the copy's ever copies a warm-up conversation into the archive the supervisors' figures read.
    private static async Task AssertTheArchiveHasNoneOfItsConversationsAsync(TestApp app)
    {
        var archive = app.Services.GetRequiredService<IConversationArchive>();
        await Task.Delay(TimeSpan.FromSeconds(1)); // what a worker had taken would be written by now (Archive:Settle is 0 here)
        Assert.Empty(await archive.ListAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)));
    }
}

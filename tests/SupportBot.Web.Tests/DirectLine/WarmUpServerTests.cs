using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Redis;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.DirectLine;

namespace SupportBot.Tests.DirectLine;

/// <summary>The warm-up before the server listens: its turns ran, and nothing of them is left where the server's own data lives.</summary>
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
        });

        var line = Assert.Single(app.Logs.Entries, e => e.Category == typeof(WarmUp).FullName);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith("Warmed up with 48 turns on Redis", line.Message);

        var redis = RedisTestServer.Connect();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var warmUpKeys = await server.KeysAsync(pattern: $"{prefix}warm-up:*").ToListAsync();
        Assert.Empty(warmUpKeys);
        var log = app.Services.GetRequiredService<IConversationLog>();
        Assert.Empty(await log.ListAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(0, await redis.GetDatabase().SortedSetLengthAsync(app.Services.GetRequiredService<RedisKeys>().PendingTurnIndex));

        // And the server it warmed answers its first customer as usual.
        var conversation = await app.Client.StartAsync();
        var reply = await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "What can you do?"));
        Assert.False(string.IsNullOrWhiteSpace(reply["text"]?.GetValue<string>()));
    }

    [Fact]
    public async Task WithoutRedisTheWarmUpRunsOnTheInMemoryStoresOfACopyAndTheServersOwnStayEmpty()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["WarmUp:Turns"] = "24" });

        var line = Assert.Single(app.Logs.Entries, e => e.Category == typeof(WarmUp).FullName);
        Assert.StartsWith("Warmed up with 24 turns in memory", line.Message);
        var log = app.Services.GetRequiredService<IConversationLog>();
        Assert.Empty(await log.ListAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)));
    }
}

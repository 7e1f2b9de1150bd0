using StackExchange.Redis;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.DirectLine;

/// <summary>The server runs its Lua scripts by SHA1; Redis forgets them on a restart or SCRIPT FLUSH.</summary>
public class ScriptCacheServerTests
{
    [Fact]
    public async Task TurnsAreAnsweredAfterRedisForgetsItsScripts()
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.Configuration });
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var conversation = await app.Client.StartAsync();
        await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "where is my order ORD-10007"));

        await admin.GetServer(admin.GetEndPoints()[0]).ScriptFlushAsync();
        var afterFlush = await app.Client.SayAsync(conversation, "where is my order?");
        var next = await app.Client.SayAsync(conversation, "What can you do?");

        // The state written before the flush is read and the turn lock released after it: the order is remembered.
        Assert.Contains("ORD-10007", (await app.Client.WaitForReplyAsync(conversation, afterFlush))["text"]!.GetValue<string>());
        await app.Client.WaitForReplyAsync(conversation, next);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}

using Microsoft.Data.Sqlite;
using StackExchange.Redis;
using SupportBot.Insights.Archive;
using SupportBot.Redis;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Archive;

/// <summary>The archive worker of a server killed with SIGKILL while customers chat: another process finishes its work.</summary>
public sealed class ArchiveCrashServerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;

    [Fact]
    public async Task AServerKilledWhileArchivingLosesAndDoublesNothingOnceAnotherProcessCatchesUp()
    {
        var prefix = RedisTestServer.UniquePrefix();
        var settings = new Dictionary<string, string?>
        {
            ["Archive:SqlitePath"] = Path.Combine(_directory, "archive.db"),
            ["Handoff:Enabled"] = "false",
            ["Orders:LookupLatency"] = "00:00:00",
        };
        var first = await ServerProcess.StartAsync(prefix, settings);
        var chats = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => first.Client.StartAsync()));
        using var stop = new CancellationTokenSource();
        var talking = chats.Select(async chat =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 40; i++)
            {
                try
                {
                    await first.Client.SayAsync(chat, $"where is order ORD-1000{i % 10}?");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException)
                {
                    return; // the server is gone
                }
            }
        }).ToList();

        await Task.Delay(TimeSpan.FromSeconds(4)); // several worker passes under way
        await first.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(talking);

        var db = RedisTestServer.Connect().GetDatabase();
        var keys = new RedisKeys(prefix);
        await using var second = await ServerProcess.StartAsync(prefix, settings);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.SortedSetLengthAsync(keys.ArchivePending) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(0, await db.SortedSetLengthAsync(keys.ArchivePending));
        var archive = new SqliteConversationArchive(settings["Archive:SqlitePath"]!, TimeProvider.System);
        foreach (var chat in chats)
        {
            var logged = (await db.ListRangeAsync(keys.ActivityLog(chat.Id)))
                .Select(j => System.Text.Json.Nodes.JsonNode.Parse((string)j!)!)
                .Where(a => a["type"]!.GetValue<string>() != "typing")
                .Select(a => a["id"]!.GetValue<string>())
                .ToList();
            var archived = (await archive.GetAsync(chat.Id))?.Activities.Select(a => a.Id).ToList() ?? [];
            Assert.NotEmpty(logged);
            Assert.Equal(logged, archived);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

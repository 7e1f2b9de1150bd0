using Microsoft.Data.Sqlite;
using StackExchange.Redis;
using SupportBot.Insights.Archive;
using SupportBot.Redis;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Archive;

/// <summary>
/// Archive workers in server processes: one killed with SIGKILL while customers chat, whose work another process
/// finishes; and a server with Archive:Worker=false, which copies nothing and loses nothing, as a process with the
/// worker on, sharing its Redis and archive, copies its conversations.
/// </summary>
public sealed class ArchiveWorkerServerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;

    [Fact]
    public async Task AServerKilledWhileArchivingLosesAndDoublesNothingOnceAnotherProcessCatchesUp()
    {
        var prefix = RedisTestServer.UniquePrefix();
        var settings = Settings();
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
        await WaitUntilEmptyAsync(db, keys);
        var archive = new SqliteConversationArchive(settings["Archive:SqlitePath"]!, TimeProvider.System);
        foreach (var chat in chats)
        {
            await AssertArchivedAsLoggedAsync(db, keys, archive, chat.Id);
        }
    }

    [Fact]
    public async Task AServerWithoutTheWorkerQueuesItsConversationsAndAWorkerProcessArchivesThem()
    {
        var prefix = RedisTestServer.UniquePrefix();
        var shared = Settings();
        var db = RedisTestServer.Connect().GetDatabase();
        var keys = new RedisKeys(prefix);
        var archive = new SqliteConversationArchive(shared["Archive:SqlitePath"]!, TimeProvider.System);

        await using var serving = await ServerProcess.StartAsync(prefix, new Dictionary<string, string?>(shared) { ["Archive:Worker"] = "false" });
        var chats = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => serving.Client.StartAsync()));
        foreach (var chat in chats)
        {
            await serving.Client.SayAsync(chat, "where is order ORD-10001?");
            await serving.Client.SayAsync(chat, "thanks");
        }

        // Several passes' worth of time (Archive:Settle is 0 here): a worker in this process would have copied them.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(chats.Length, await db.SortedSetLengthAsync(keys.ArchivePending));
        foreach (var chat in chats)
        {
            Assert.Null(await archive.GetAsync(chat.Id)); // the schema is there (the server made it), the conversation is not
        }

        await using var worker = await ServerProcess.StartAsync(prefix, shared);
        await WaitUntilEmptyAsync(db, keys);
        foreach (var chat in chats)
        {
            var logged = await AssertArchivedAsLoggedAsync(db, keys, archive, chat.Id);
            Assert.True(logged >= 4, $"two messages and their answers at least, logged {logged}");
        }
    }

    /// <summary>Waits (up to 30 s) until no conversation waits on the archive queue, and asserts none does.</summary>
    private static async Task WaitUntilEmptyAsync(IDatabase db, RedisKeys keys)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.SortedSetLengthAsync(keys.ArchivePending) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(0, await db.SortedSetLengthAsync(keys.ArchivePending));
    }

    /// <summary>
    /// Asserts the archive holds the conversation's logged activities (typing left out) once each, in order, and returns
    /// how many there were.
    /// </summary>
    private static async Task<int> AssertArchivedAsLoggedAsync(IDatabase db, RedisKeys keys, IConversationArchive archive, string conversationId)
    {
        var logged = (await db.ListRangeAsync(keys.ActivityLog(conversationId)))
            .Select(j => System.Text.Json.Nodes.JsonNode.Parse((string)j!)!)
            .Where(a => a["type"]!.GetValue<string>() != "typing")
            .Select(a => a["id"]!.GetValue<string>())
            .ToList();
        var archived = (await archive.GetAsync(conversationId))?.Activities.Select(a => a.Id).ToList() ?? [];
        Assert.NotEmpty(logged);
        Assert.Equal(logged, archived);
        return logged.Count;
    }
    private Dictionary<string, string?> Settings() => new()
    {
        ["Archive:SqlitePath"] = Path.Combine(_directory, "archive.db"),
        ["Handoff:Enabled"] = "false",
        ["Orders:LookupLatency"] = "00:00:00",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

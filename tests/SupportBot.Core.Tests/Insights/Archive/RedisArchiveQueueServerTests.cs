using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Insights.Archive;
using SupportBot.Orders;
using SupportBot.Redis;
using SupportBot.Schema;

namespace SupportBot.Tests.Insights.Archive;

public sealed class RedisArchiveQueueServerTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly RedisKeys _keys = new(RedisTestServer.UniquePrefix());
    private readonly List<RedisConversationLog> _logs = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;

    [Fact]
    public async Task EveryAppendPutsItsConversationOnTheQueueKeepingTheFirstUnarchivedTime()
    {
        var (log, queue) = Create();
        var id = await StartAsync(log);
        var first = _clock.GetUtcNow();
        await log.AppendIncomingAsync(id, Message("hello", RoleTypes.User), startsTurn: true);
        _clock.Advance(TimeSpan.FromSeconds(20));
        await log.AppendAsync(id, Message("Hi.", RoleTypes.Bot));
        _clock.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(TimeSpan.FromSeconds(60), await queue.LagAsync());
        Assert.Equal(first.ToUnixTimeMilliseconds(), await RedisTestServer.Connect().GetDatabase().SortedSetScoreAsync(_keys.ArchivePending, id));
    }

    [Fact]
    public async Task ReleasedConversationsAreHandedOutAgainAtOnceStillUnarchived()
    {
        var (log, queue) = Create();
        var ids = await QueuedAsync(log, 3);

        Assert.Equal(3, (await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero)).Count);
        Assert.Empty(await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero)); // held

        await queue.ReleaseAsync([ids[0], ids[2]]);

        var again = await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero);

        Assert.Equal(new[] { ids[0], ids[2] }.Order(StringComparer.Ordinal), again.Order(StringComparer.Ordinal));
        Assert.NotNull(await RedisTestServer.Connect().GetDatabase().SortedSetScoreAsync(_keys.ArchivePending, ids[0])); // still queued
    }

    [Fact]
    public async Task TheDueCountTakesSettledConversationsHeldOrNotAndNotTheOnesStillInFlow()
    {
        var (log, queue) = Create();
        await QueuedAsync(log, 3);

        _clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = await StartAsync(log);
        await log.AppendIncomingAsync(fresh, Message("hello", RoleTypes.User), startsTurn: true);
        Assert.Single(await queue.ClaimAsync(1, ArchiveWriter.Hold, TimeSpan.FromSeconds(30))); // one held by a worker

        Assert.Equal(3, await queue.DueCountAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(4, await queue.DueCountAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task WithTheArchiveOffAppendsQueueNothing()
    {
        var (log, queue) = Create(archiveEnabled: false);
        var id = await StartAsync(log);

        await log.AppendIncomingAsync(id, Message("hello", RoleTypes.User), startsTurn: true);
        await log.AppendAsync(id, Message("Hi.", RoleTypes.Bot));

        Assert.Empty(await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, await queue.LagAsync());
    }

    [Fact]
    public async Task AConversationInFullFlowIsHandedOutOnlyOnceItsOldestUncopiedActivityHasSettled()
    {
        var (log, queue) = Create();
        var id = await StartAsync(log);
        await log.AppendIncomingAsync(id, Message("hello", RoleTypes.User), startsTurn: true);
        var settle = TimeSpan.FromSeconds(30);

        _clock.Advance(TimeSpan.FromSeconds(20));
        await log.AppendAsync(id, Message("Hi.", RoleTypes.Bot)); // more arrives: it does not push the copy further off
        Assert.Empty(await queue.ClaimAsync(10, ArchiveWriter.Hold, settle));
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([id], await queue.ClaimAsync(10, ArchiveWriter.Hold, settle));
    }

    [Fact]
    public async Task AHeldConversationGoesToNoOtherWorkerUntilTheHoldLapses()
    {
        var (log, queue) = Create();
        var id = await StartAsync(log);
        await log.AppendAsync(id, Message("Hi.", RoleTypes.Bot));

        Assert.Equal([id], await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
        Assert.Empty(await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
        _clock.Advance(ArchiveWriter.Hold);
        Assert.Equal([id], await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
    }

    [Fact]
    public async Task MarkingArchivedTakesTheConversationOffUnlessMoreCameAfterTheRead()
    {
        var (log, queue) = Create();
        var id = await StartAsync(log);
        await log.AppendAsync(id, Message("one", RoleTypes.Bot));
        var readAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(5));
        await log.AppendAsync(id, Message("two", RoleTypes.Bot));
        await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero);

        await queue.MarkArchivedAsync(id, 1, readAt);
        Assert.Equal([id], await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero)); // the hold ended with the mark; "two" waits

        await queue.MarkArchivedAsync(id, 2, _clock.GetUtcNow());
        await queue.MarkArchivedAsync(id, 1, _clock.GetUtcNow()); // a slower worker's mark never moves it back
        Assert.Empty(await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
        Assert.Equal(2, (long)await RedisTestServer.Connect().GetDatabase().HashGetAsync(_keys.Conversation(id), "archived"));
    }

    [Fact]
    public async Task APartOfALongConversationMovesTheMarkAndKeepsTheHoldAndTheQueuedTime()
    {
        var (log, queue) = Create();
        var id = await StartAsync(log);
        var first = _clock.GetUtcNow();
        await log.AppendAsync(id, Message("one", RoleTypes.Bot));
        await log.AppendAsync(id, Message("two", RoleTypes.Bot));
        _clock.Advance(TimeSpan.FromSeconds(10));
        await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero);

        await queue.MarkArchivedAsync(id, 1, readAt: null);

        var db = RedisTestServer.Connect().GetDatabase();
        Assert.Equal(1, (long)await db.HashGetAsync(_keys.Conversation(id), "archived"));
        Assert.Empty(await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero)); // still this worker's: it goes on with "two"
        Assert.Equal(first.ToUnixTimeMilliseconds(), await db.SortedSetScoreAsync(_keys.ArchivePending, id)); // "two" waits since it came
        Assert.Equal(TimeSpan.FromSeconds(10), await queue.LagAsync());

        await queue.ReleaseAsync([id]); // out of time: the next pass takes it at once, even with a settle time
        Assert.Equal([id], await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TwoWorkersOnOneRedisArchiveEachActivityOnce()
    {
        var (log, queue) = Create();
        var archive = new SqliteConversationArchive(Path.Combine(_directory, "archive.db"), _clock);
        await archive.MigrateAsync();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = await StartAsync(log);
            await log.AppendIncomingAsync(id, Message("where is ORD-10001?", RoleTypes.User), startsTurn: false);
            await log.AppendAsync(id, Message("On its way.", RoleTypes.Bot));
            ids.Add(id);
        }

        var (otherLog, otherQueue) = Create();
        await Task.WhenAll(Writer(log, queue, archive).PassAsync(default), Writer(otherLog, otherQueue, archive).PassAsync(default));

        await using var connection = await archive.OpenConnectionAsync();
        await using var count = ArchiveSql.Command(connection, null, "SELECT COUNT(*) FROM activities");
        Assert.Equal(12L, (long)(await count.ExecuteScalarAsync())!);
        Assert.Equal(TimeSpan.Zero, await queue.LagAsync());
        Assert.Equal(6, (await archive.SearchAsync(new HistoryQuery { Order = "ORD-10001" })).Conversations.Count);
    }

    [Fact]
    public async Task DeletingAConversationTakesItOffTheArchiveQueueWithItsKeys()
    {
        var (log, queue) = Create();
        var id = await StartAsync(log);
        await log.AppendIncomingAsync(id, Message("hello", RoleTypes.User), startsTurn: true);

        Assert.True(await log.DeleteAsync(id));

        Assert.Null(await log.GetAsync(id));
        Assert.Empty(await queue.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
        Assert.False(await RedisTestServer.Connect().GetDatabase().KeyExistsAsync(_keys.ActivityLog(id)));
        Assert.Empty(await log.ListPendingTurnsAsync(_clock.GetUtcNow().AddHours(1), 10));
        Assert.False(await log.DeleteAsync(id));
    }

    public void Dispose()
    {
        _logs.ForEach(l => l.Dispose());
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private (RedisConversationLog Log, RedisArchiveQueue Queue) Create(bool archiveEnabled = true)
    {
        var redis = RedisTestServer.Connect();
        var log = new RedisConversationLog(redis, _keys, Options.Create(new ConversationOptions()), _clock, NullLogger<RedisConversationLog>.Instance,
            queueForArchive: archiveEnabled);
        _logs.Add(log);
        return (log, new RedisArchiveQueue(redis, _keys, _clock));
    }

    private ArchiveWriter Writer(IConversationLog log, IArchiveQueue queue, IConversationArchive archive) => new(
        queue, log, archive, new ConversationSnapshots(new OrderNumbers(Options.Create(new OrderOptions()))), Options.Create(new ArchiveOptions { Settle = TimeSpan.Zero, ActivitiesPerSecond = 0 }),
        _clock, NullLogger<ArchiveWriter>.Instance);

    /// <summary>Conversations with one customer message each, queued for the archive.</summary>
    private async Task<List<string>> QueuedAsync(RedisConversationLog log, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await StartAsync(log));
            await log.AppendIncomingAsync(ids[^1], Message("hello", RoleTypes.User), startsTurn: true);
        }

        return ids;
    }

    private async Task<string> StartAsync(IConversationLog log)
    {
        var id = Guid.NewGuid().ToString("N");
        await log.CreateAsync(new ConversationRecord(id, "user-1", null, "en", _clock.GetUtcNow()));
        return id;
    }

    private static Activity Message(string text, string role) =>
        new() { Type = ActivityTypes.Message, Text = text, ChannelId = Channels.DirectLine, From = new ChannelAccount(role, null, role) };
}

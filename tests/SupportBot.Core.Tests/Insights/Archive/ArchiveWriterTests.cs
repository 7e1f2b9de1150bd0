using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

public sealed class ArchiveWriterTests : IAsyncLifetime, IDisposable
{
    private readonly ArchiveOnDisk _disk = new();

    public async ValueTask InitializeAsync() => await _disk.Archive.MigrateAsync();

    [Fact]
    public async Task APassArchivesEveryQueuedConversationAndEmptiesTheQueue()
    {
        var ids = await ChatsAsync(3);

        var written = await Writer().PassAsync(default);

        Assert.Equal(3, written);
        Assert.Equal(TimeSpan.Zero, await _disk.Scenes.Log.LagAsync());
        Assert.Empty(await _disk.Scenes.Log.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
        foreach (var id in ids)
        {
            Assert.Equal(["hello", "Hi there."], (await _disk.Archive.GetAsync(id))!.Activities.Select(a => a.Text));
        }
    }

    [Fact]
    public async Task ManyShortConversationsAreWrittenInOneTransactionNotOneEach()
    {
        var ids = await ChatsAsync(40);
        var counting = new CountingArchive(_disk.Archive);

        Assert.Equal(40, await Writer(archive: counting).PassAsync(default));

        Assert.Equal(1, counting.Transactions); // one commit, one flush to disk, where each conversation had its own
        Assert.All(ids, id => Assert.Equal(2, _disk.Archive.GetAsync(id).Result!.Activities.Count));
        Assert.Equal(TimeSpan.Zero, await _disk.Scenes.Log.LagAsync());
    }

    [Fact]
    public async Task ABatchHoldsAtMostTheHeldActivities()
    {
        var ids = await ChatsAsync(40); // two activities each: a batch of 20 closes after 10 conversations
        var counting = new CountingArchive(_disk.Archive);
        var writer = new ArchiveWriter(
            _disk.Scenes.Log, _disk.Scenes.Log, counting, _disk.Scenes.Snapshots,
            Options.Create(new ArchiveOptions { Settle = TimeSpan.Zero, ActivitiesPerSecond = 0 }), TimeProvider.System, NullLogger<ArchiveWriter>.Instance,
            heldActivities: 20);

        Assert.Equal(40, await writer.PassAsync(default));

        Assert.Equal(4, counting.Transactions);
        Assert.All(ids, id => Assert.Equal(2, _disk.Archive.GetAsync(id).Result!.Activities.Count));
    }

    [Fact]
    public async Task AnArchiveAwayWhenTheWorkerReadsWhereItStandsLosesNothingAndThrowsNothing()
    {
        var ids = await ChatsAsync(3);

        Assert.Equal(0, await Writer(archive: new UnreachableArchive(_disk.Archive)).PassAsync(default));

        _disk.Clock.Advance(ArchiveWriter.Hold);
        Assert.Equal(3, await Writer().PassAsync(default));
        Assert.All(ids, id => Assert.Equal(2, _disk.Archive.GetAsync(id).Result!.Activities.Count));
        Assert.Equal(TimeSpan.Zero, await _disk.Scenes.Log.LagAsync());
    }

    [Fact]
    public async Task AWorkerThatDiesAfterTheCommitButBeforeTheMarkLeavesEachActivityArchivedOnce()
    {
        var id = (await ChatsAsync(1))[0];
        var dying = new DyingQueue(_disk.Scenes.Log);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer(dying).PassAsync(default));

        _disk.Clock.Advance(ArchiveWriter.Hold); // the dead worker's hold lapses; another process takes the conversation
        await Writer().PassAsync(default);

        Assert.Equal(2, (await _disk.Archive.GetAsync(id))!.Activities.Count);
        Assert.Equal(2L, await RowsAsync("SELECT COUNT(*) FROM activities"));
        Assert.Equal(TimeSpan.Zero, await _disk.Scenes.Log.LagAsync());
    }

    [Fact]
    public async Task AnArchiveThatIsLockedLosesNothingAndTheNextPassCatchesUp()
    {
        var ids = await ChatsAsync(2);
        await using (var holder = new SqliteConnection($"Data Source={_disk.Archive.FilePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var exclusive = ArchiveSql.Command(holder, null, "BEGIN EXCLUSIVE");
            await exclusive.ExecuteNonQueryAsync();

            Assert.Equal(0, await Writer().PassAsync(default));
            _disk.Clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30), await _disk.Scenes.Log.LagAsync());
        }

        _disk.Clock.Advance(ArchiveWriter.Hold);
        Assert.Equal(2, await Writer().PassAsync(default));

        Assert.Equal(4L, await RowsAsync("SELECT COUNT(*) FROM activities"));
        Assert.All(ids, id => Assert.NotNull(_disk.Archive.GetAsync(id).Result));
        Assert.Equal(TimeSpan.Zero, await _disk.Scenes.Log.LagAsync());
    }

    [Fact]
    public async Task WhatIsAppendedWhileTheWorkerWritesStaysQueuedForTheNextPass()
    {
        var id = (await ChatsAsync(1))[0];
        var racing = new AppendingArchive(_disk.Archive, () => _disk.Scenes.BotAsync(id, "One more thing."));

        await Writer(archive: racing).PassAsync(default);

        Assert.Equal([id], await _disk.Scenes.Log.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero));
        _disk.Clock.Advance(ArchiveWriter.Hold);
        await Writer().PassAsync(default);
        Assert.Equal(3, (await _disk.Archive.GetAsync(id))!.Activities.Count);
        Assert.Equal(TimeSpan.Zero, await _disk.Scenes.Log.LagAsync());
    }

    [Fact]
    public async Task AConversationTheStoreNoLongerHasLeavesTheQueue()
    {
        var id = (await ChatsAsync(1))[0];
        await _disk.Scenes.Log.DeleteAsync(id);

        Assert.Equal(0, await Writer().PassAsync(default));

        Assert.Null(await _disk.Archive.GetAsync(id));
        Assert.Equal(TimeSpan.Zero, await _disk.Scenes.Log.LagAsync());
    }

    public void Dispose() => _disk.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private ArchiveWriter Writer(IArchiveQueue? queue = null, IConversationArchive? archive = null) => new(
        queue ?? _disk.Scenes.Log, _disk.Scenes.Log, archive ?? _disk.Archive, _disk.Scenes.Snapshots, Options.Create(new ArchiveOptions { Settle = TimeSpan.Zero, ActivitiesPerSecond = 0 }), _disk.Clock,
        NullLogger<ArchiveWriter>.Instance);

    private Task<List<string>> ChatsAsync(int count) => _disk.ChatsAsync(count);

    private async Task<long> RowsAsync(string sql)
    {
        await using var connection = await _disk.Archive.OpenConnectionAsync();
        await using var command = ArchiveSql.Command(connection, null, sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A worker process that dies right after its archive transaction committed, before it moved the mark.</summary>
    private sealed class DyingQueue(IArchiveQueue inner) : IArchiveQueue
    {
        public Task<IReadOnlyList<string>> ClaimAsync(int maxCount, TimeSpan hold, TimeSpan settle, CancellationToken cancellationToken = default) => inner.ClaimAsync(maxCount, hold, settle, cancellationToken);

        public Task MarkArchivedAsync(string conversationId, long sequence, DateTimeOffset? readAt, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("killed");

        public Task ReleaseAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default) => inner.ReleaseAsync(conversationIds, cancellationToken);

        public Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default) => inner.ForgetAsync(conversationId, cancellationToken);

        public Task<long> DueCountAsync(TimeSpan settle, CancellationToken cancellationToken = default) => inner.DueCountAsync(settle, cancellationToken);

        public Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default) => inner.LagAsync(cancellationToken);
    }

    /// <summary>An archive server that cannot be reached: reading a conversation's mark fails as a driver's would.</summary>
    private sealed class UnreachableArchive(IConversationArchive inner) : DelegatingArchive(inner)
    {
        public override Task<ArchivedMark?> GetMarkAsync(string conversationId, CancellationToken cancellationToken = default) =>
            throw new SqliteException("unable to open database file", 14);
    }

    /// <summary>The archive, counting the write transactions it is asked for.</summary>
    private sealed class CountingArchive(IConversationArchive inner) : DelegatingArchive(inner)
    {
        public int Transactions { get; private set; }

        public override Task<bool> WriteAsync(ConversationSnapshot snapshot, CancellationToken cancellationToken = default)
        {
            Transactions++;
            return base.WriteAsync(snapshot, cancellationToken);
        }

        public override Task<IReadOnlyList<bool>> WriteAllAsync(IReadOnlyList<ConversationSnapshot> snapshots, CancellationToken cancellationToken = default)
        {
            Transactions++;
            return base.WriteAllAsync(snapshots, cancellationToken);
        }
    }

    /// <summary>The archive, with the customer's conversation moving on while the worker writes what it read.</summary>
    private sealed class AppendingArchive(IConversationArchive inner, Func<Task> meanwhile) : DelegatingArchive(inner)
    {
        public override async Task<IReadOnlyList<bool>> WriteAllAsync(IReadOnlyList<ConversationSnapshot> snapshots, CancellationToken cancellationToken = default)
        {
            await meanwhile();
            return await base.WriteAllAsync(snapshots, cancellationToken);
        }
    }
}

using System.Data.Common;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The archive over ADO.NET, one SQL for both databases (the schema keeps times as BIGINT ms and flags as INTEGER
/// so it can); a provider supplies its connection and the few expressions that differ.
/// </summary>
public abstract partial class SqlConversationArchive(TimeProvider clock) : IConversationArchive
{
    // How many reads run at once (the figures' queries of every page load together): enough to keep the cores busy
    // and no more
    // (on SQLite each one is a thread; on PostgreSQL a pooled connection and a server process).
    private readonly SemaphoreSlim _reads = new(Math.Max(2, Environment.ProcessorCount));

    protected TimeProvider Clock { get; } = clock;

    public abstract ArchiveProvider Provider { get; }

    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>The expression that folds a text column's case for the history's substring search.</summary>
    protected abstract string Fold(string column);

    /// <summary>
    /// The expression that makes text of the UTF-8 bytes bound to <paramref name="parameter"/>: activities' JSON is
    /// bound as the bytes the log holds, not as a string the provider would encode back to them.
    /// </summary>
    protected abstract string TextFromUtf8(string parameter);

    /// <summary>What locks the conversation's row until the transaction ends ("" where the whole database is locked).</summary>
    protected abstract string RowLock { get; }

    /// <summary>
    /// An expression that takes the lock of the customer <paramref name="customerId"/> (a column or parameter) until the
    /// transaction ends, so transactions that change one customer's came_back take turns: two writes of that customer's
    /// conversations at once would each miss the other's uncommitted row. Null where the whole database is locked.
    /// </summary>
    protected abstract string? CustomerLock(string customerId);

    public virtual async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await ArchiveMigrations.ApplyAsync(connection, Provider, Clock, null, cancellationToken);
    }

    /// <summary>
    /// Where database work whose "async" calls may block their thread runs (Microsoft.Data.Sqlite's are synchronous,
    /// and a commit waits for the disk): a provider that blocks runs it on a thread of its own, so neither the archive
    /// worker nor a supervisor's figures hold one of the few thread-pool threads every customer's turn needs. Npgsql's
    /// calls are truly asynchronous. The one place that decides it: the worker's writes and marks, tickets and every
    /// <see cref="ReadAsync"/> come through <see cref="OnOwnConnectionAsync"/>.
    /// </summary>
    protected virtual Task OffThreadPoolAsync(Func<Task> work) => work();

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        await _reads.WaitAsync(cancellationToken);
        try
        {
            return await OnOwnConnectionAsync(connection => read(connection, cancellationToken), cancellationToken);
        }
        finally
        {
            _reads.Release();
        }
    }

    /// <summary>Opens a connection, runs <paramref name="work"/> on it off the thread pool where the provider blocks, disposes it.</summary>
    private async Task<T> OnOwnConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        T result = default!;
        await OffThreadPoolAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            result = await work(connection);
        });
        return result;
    }

    public async Task<bool> WriteAsync(ConversationSnapshot snapshot, CancellationToken cancellationToken = default) =>
        (await WriteAllAsync([snapshot], cancellationToken))[0];

    public Task<IReadOnlyList<bool>> WriteAllAsync(IReadOnlyList<ConversationSnapshot> snapshots, CancellationToken cancellationToken = default) =>
        OnOwnConnectionAsync<IReadOnlyList<bool>>(async connection =>
        {
            var written = new bool[snapshots.Count];
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await using var writes = new ArchiveWrites(connection, tx, TextFromUtf8);
            // By customer, then id: the customers' locks, then the rows, are taken in one order by every worker's
            // transaction (retention takes customers' locks in that order too), so no two wait on each other.
            var order = Enumerable.Range(0, snapshots.Count)
                .OrderBy(i => snapshots[i].Conversation.CustomerId, StringComparer.Ordinal)
                .ThenBy(i => snapshots[i].Conversation.Id, StringComparer.Ordinal);
            foreach (var i in order)
            {
                written[i] = await WriteInTransactionAsync(writes, snapshots[i], cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            return written;
        }, cancellationToken);

    // The conversation's archived mark and whether it was engaged, its row locked where rows are (built once: RowLock is the provider's).
    private ArchiveWrites.Statement MarkRead => _markRead ??= new(
        $"SELECT archived_seq, customer_messages FROM conversations WHERE id = @id {RowLock}", "id");

    private ArchiveWrites.Statement? _markRead;

    // The statement that takes the customer's lock, or null where the whole database is locked (built once, like MarkRead).
    private ArchiveWrites.Statement? TakeCustomerLock
    {
        get
        {
            if (!_customerLockBuilt)
            {
                _customerLock = CustomerLock("@customer_id") is { } take ? new($"SELECT {take}", "customer_id") : null;
                _customerLockBuilt = true;
            }

            return _customerLock;
        }
    }

    private ArchiveWrites.Statement? _customerLock;

    private bool _customerLockBuilt;

    private async Task<bool> WriteInTransactionAsync(ArchiveWrites writes, ConversationSnapshot snapshot, CancellationToken cancellationToken)
    {
        var conversation = snapshot.Conversation;
        if (TakeCustomerLock is { } customerLock)
        {
            await writes.RunAsync(customerLock, cancellationToken, conversation.CustomerId);
        }

        var (stored, wasEngaged) = (-1L, false);
        await using (var row = await writes.ReadAsync(MarkRead, cancellationToken, conversation.Id))
        {
            if (await row.ReadAsync(cancellationToken))
            {
                (stored, wasEngaged) = (ArchiveSql.Long(row, 0), ArchiveSql.Long(row, 1) > 0);
            }
        }

        if (stored > conversation.ArchivedSeq || (snapshot.Since is { } since && stored == conversation.ArchivedSeq && since != stored))
        {
            return true; // a worker that read the log later has written already; this older view would only take it back
        }

        if (snapshot.Since is { } start && stored != start && !(start == 0 && stored == -1))
        {
            return false; // the changes since `start` no longer fit what the archive holds
        }

        await writes.ConversationAsync(conversation, Clock.GetUtcNow(), cancellationToken);
        var added = snapshot.Activities.Where(a => a.Seq > stored).ToList();
        await writes.ActivitiesAsync(conversation.Id, added, cancellationToken);
        await writes.BotFirstResponseAsync(conversation.Id, added, cancellationToken);
        await writes.ComebackAsync(conversation, becameEngaged: !wasEngaged && conversation.CustomerMessages > 0, cancellationToken);
        if (snapshot.Since is null)
        {
            // Derived rows are replaced whole: a survey answered again, or a hand-off that moved on, leaves no stale row.
            await writes.ClearDerivedAsync(conversation.Id, cancellationToken);
        }

        await writes.OrdersAsync(conversation.Id, snapshot.OrderNumbers, cancellationToken);
        await writes.HandoffsAsync(conversation.Id, snapshot.Handoffs, cancellationToken);
        await writes.SurveysAsync(conversation.Id, snapshot.Surveys, replacing: snapshot.Since is not null, cancellationToken);
        await writes.FeedbackAsync(conversation.Id, snapshot.Feedback, cancellationToken);
        return true;
    }

    public Task<ArchivedMark?> GetMarkAsync(string conversationId, CancellationToken cancellationToken = default) =>
        OnOwnConnectionAsync(connection => ArchiveReads.MarkAsync(connection, conversationId, cancellationToken), cancellationToken);

    public Task WriteTicketAsync(ArchivedTicket ticket, CancellationToken cancellationToken = default) =>
        OnOwnConnectionAsync(async connection =>
        {
            await using var writes = new ArchiveWrites(connection, null, TextFromUtf8);
            await writes.TicketAsync(ticket, cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = ArchiveSql.Command(connection, null,
            "SELECT id FROM conversations WHERE started_at_ms >= @from AND started_at_ms < @before ORDER BY started_at_ms, id");
        ArchiveSql.Add(command, "@from", from);
        ArchiveSql.Add(command, "@before", before);
        return await ReadStringsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ForgetCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = ArchiveSql.Command(connection, tx, "SELECT id FROM conversations WHERE customer_id = @key ORDER BY started_at_ms");
        ArchiveSql.Add(select, "@key", customerId);
        var ids = await ReadStringsAsync(select, cancellationToken);
        await DeleteConversationsAsync(connection, tx, "customer_id = @key", customerId, cancellationToken);
        await using (var tickets = ArchiveSql.Command(connection, tx, "DELETE FROM tickets WHERE customer_id = @key"))
        {
            ArchiveSql.Add(tickets, "@key", customerId);
            await tickets.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return ids;
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var key = cutoff.ToUnixTimeMilliseconds();

        // A conversation kept because it goes on past the cutoff (so it started before it) may have come back only in
        // one deleted now: what is left of its customer's conversations decides. Such conversations are few. Their
        // customers' locks are taken first (as a write takes them before its rows), so no write of theirs is under way.
        const string Spanning = "started_at_ms < @key AND last_activity_at_ms >= @key AND came_back = 1";
        if (CustomerLock("customer_id") is { } take)
        {
            await using var locks = ArchiveSql.Command(connection, tx, $"SELECT {take} FROM conversations WHERE {Spanning} ORDER BY customer_id");
            ArchiveSql.Add(locks, "@key", key);
            await locks.ExecuteNonQueryAsync(cancellationToken);
        }

        var deleted = await DeleteConversationsAsync(connection, tx, "last_activity_at_ms < @key", key, cancellationToken);
        await using (var comeback = ArchiveSql.Command(connection, tx,
            $"UPDATE conversations SET came_back = 0 WHERE {Spanning} AND NOT {Comeback.After("conversations")}"))
        {
            ArchiveSql.Add(comeback, "@key", key);
            await comeback.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return deleted;
    }

    // Children first and explicitly: SQLite enforces ON DELETE CASCADE only with PRAGMA foreign_keys on.
    private static async Task<int> DeleteConversationsAsync(DbConnection connection, DbTransaction tx, string where, object key, CancellationToken cancellationToken)
    {
        foreach (var child in (string[])["activities", "conversation_orders", "handoffs", "surveys", "feedback"])
        {
            await using var command = ArchiveSql.Command(connection, tx, $"DELETE FROM {child} WHERE conversation_id IN (SELECT id FROM conversations WHERE {where})");
            ArchiveSql.Add(command, "@key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var parent = ArchiveSql.Command(connection, tx, $"DELETE FROM conversations WHERE {where}");
        ArchiveSql.Add(parent, "@key", key);
        return await parent.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}

using System.Data.Common;
using SupportBot.Conversations;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The durable relational archive of conversations (SQLite or PostgreSQL; schema in Sql/*/NNN-*.sql). The archive
/// worker writes whole conversations into it; history, read-through transcripts, exports and the insights figures
/// read it. Every write is idempotent: rows are keyed by conversation and log sequence.
/// </summary>
public interface IConversationArchive
{
    ArchiveProvider Provider { get; }

    /// <summary>Creates or upgrades the schema (numbered migrations, each once, under a lock many processes may race for).</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>An open connection to the archive (tools and tests); the caller disposes it.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs read-only queries on a connection of their own, opened and disposed here: the insights figures run several
    /// at once this way (SQLite readers in WAL mode and PostgreSQL's pool both serve them side by side). At most
    /// max(2, cores) run at once; on SQLite, whose calls block, off the thread pool.
    /// </summary>
    Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts the conversation and its rows in one transaction: writing the same snapshot twice changes nothing, and
    /// an older view never takes back a newer one. A snapshot of the changes since a mark is written only onto that
    /// mark: false when the archive has moved from it (nothing is written; take a new mark and read again).
    /// </summary>
    Task<bool> WriteAsync(ConversationSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes each snapshot as <see cref="WriteAsync(ConversationSnapshot, CancellationToken)"/> does, all in one
    /// transaction (one commit, so one flush to disk, for the lot); for each, in order, whether it was written. A
    /// failure writes none of them.
    /// </summary>
    Task<IReadOnlyList<bool>> WriteAllAsync(IReadOnlyList<ConversationSnapshot> snapshots, CancellationToken cancellationToken = default);

    /// <summary>Where the conversation stands in the archive (its row and latest hand-off), or null before its first write.</summary>
    Task<ArchivedMark?> GetMarkAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Upserts a ticket (the ticket store keeps tickets; the archive copies them for the figures).</summary>
    Task WriteTicketAsync(ArchivedTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>One conversation's transcript with its hand-offs and survey, or null if the archive does not have it.</summary>
    Task<ArchivedTranscript?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The archived activities of each of <paramref name="conversationIds"/>, as the log held them (typing left out), in
    /// sequence order, read in one query: the export reads months of conversations this way. A conversation the
    /// archive does not have, or has no activity of, is not in the answer.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<LoggedActivity>>> ReadLogsAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default);

    /// <summary>Archived conversations matching the query, newest first, one page.</summary>
    Task<HistoryPage> SearchAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Ids of the archived conversations started in [<paramref name="from"/>, <paramref name="before"/>), oldest first.</summary>
    Task<IReadOnlyList<string>> ListAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Deletes every conversation (and its rows) and ticket of the customer; returns the deleted conversation ids.</summary>
    Task<IReadOnlyList<string>> ForgetCustomerAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the conversations whose last activity is before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

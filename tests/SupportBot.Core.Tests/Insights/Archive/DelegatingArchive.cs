using System.Data.Common;
using SupportBot.Conversations;
using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>An archive that passes every call on to another: a test overrides the calls it watches or changes.</summary>
public class DelegatingArchive(IConversationArchive inner) : IConversationArchive
{
    public ArchiveProvider Provider => inner.Provider;

    public virtual Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public virtual Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) => inner.OpenConnectionAsync(cancellationToken);

    public virtual Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(read, cancellationToken);

    public virtual Task<bool> WriteAsync(ConversationSnapshot snapshot, CancellationToken cancellationToken = default) => inner.WriteAsync(snapshot, cancellationToken);

    public virtual Task<IReadOnlyList<bool>> WriteAllAsync(IReadOnlyList<ConversationSnapshot> snapshots, CancellationToken cancellationToken = default) =>
        inner.WriteAllAsync(snapshots, cancellationToken);

    public virtual Task<ArchivedMark?> GetMarkAsync(string conversationId, CancellationToken cancellationToken = default) => inner.GetMarkAsync(conversationId, cancellationToken);

    public virtual Task WriteTicketAsync(ArchivedTicket ticket, CancellationToken cancellationToken = default) => inner.WriteTicketAsync(ticket, cancellationToken);

    public virtual Task<IReadOnlyDictionary<string, IReadOnlyList<LoggedActivity>>> ReadLogsAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default) =>
        inner.ReadLogsAsync(conversationIds, cancellationToken);

    public virtual Task<ArchivedTranscript?> GetAsync(string conversationId, CancellationToken cancellationToken = default) => inner.GetAsync(conversationId, cancellationToken);

    public virtual Task<HistoryPage> SearchAsync(HistoryQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);

    public virtual Task<IReadOnlyList<string>> ListAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        inner.ListAsync(from, before, cancellationToken);

    public virtual Task<IReadOnlyList<string>> ForgetCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        inner.ForgetCustomerAsync(customerId, cancellationToken);

    public virtual Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => inner.DeleteOlderThanAsync(cutoff, cancellationToken);
}

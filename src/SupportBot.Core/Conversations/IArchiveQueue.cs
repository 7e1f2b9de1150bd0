namespace SupportBot.Conversations;

/// <summary>
/// The conversations with activities the archive may not have yet, kept by the conversation store: every append
/// puts its conversation on the queue in the same atomic step, and only the worker, after its archive transaction
/// committed, takes it off. Redis (archive:pending) or the memory conversation log's twin.
/// </summary>
public interface IArchiveQueue
{
    /// <summary>
    /// Up to <paramref name="maxCount"/> queued conversations, oldest unarchived first, each held for this caller for
    /// <paramref name="hold"/>: another process's worker passes over it meanwhile (a dead worker's hold lapses). Only a
    /// conversation whose oldest unarchived activity is at least <paramref name="settle"/> old is handed out, so a busy
    /// conversation is copied once a settle time rather than after every turn.
    /// </summary>
    Task<IReadOnlyList<string>> ClaimAsync(int maxCount, TimeSpan hold, TimeSpan settle, CancellationToken cancellationToken = default);

    /// <summary>
    /// The archive has everything up to <paramref name="sequence"/>, read at <paramref name="readAt"/>: the mark moves
    /// up (never back), the hold ends, and the conversation leaves the queue unless more was appended since (then it
    /// stays, as unarchived since <paramref name="readAt"/>) or it is gone from the store. A null <paramref
    /// name="readAt"/> marks a part of what the read found (a long conversation copied in parts): the mark moves, and
    /// the conversation stays held by this caller and queued since when it was, for the rest was appended before.
    /// </summary>
    Task MarkArchivedAsync(string conversationId, long sequence, DateTimeOffset? readAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends this caller's hold on conversations it claimed and did not copy (its pass ran out of time): they stay
    /// queued as they were, and the next pass of any worker may take them at once instead of when the hold lapses.
    /// </summary>
    Task ReleaseAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default);

    /// <summary>Takes a conversation off the queue without archiving it (it was forgotten).</summary>
    Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many queued conversations are due (their oldest unarchived activity at least <paramref name="settle"/> old),
    /// held by a worker or not: the backlog the worker sets its pace by.
    /// </summary>
    Task<long> DueCountAsync(TimeSpan settle, CancellationToken cancellationToken = default);

    /// <summary>How long the oldest unarchived activity has waited (zero when the queue is empty): the archive lag.</summary>
    Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default);
}

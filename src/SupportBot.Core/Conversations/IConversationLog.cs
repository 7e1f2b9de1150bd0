using SupportBot.Schema;

namespace SupportBot.Conversations;

/// <summary>
/// The ordered, durable log of every activity in every conversation. It assigns ids ("{conversationId}|{seq}")
/// and strictly increasing UTC timestamps, and it is the source of Direct Line watermarks: watermark N means
/// "everything up to sequence N has been seen".
/// </summary>
public interface IConversationLog
{
    /// <summary>Creates the conversation; false if it already exists.</summary>
    Task<bool> CreateAsync(ConversationRecord conversation, CancellationToken cancellationToken = default);

    Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Ids of the live conversations created in [<paramref name="from"/>, <paramref name="before"/>), oldest first: what the transcript export walks.</summary>
    Task<IReadOnlyList<string>> ListAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>
    /// The records of the live conversations created in [<paramref name="from"/>, <paramref name="before"/>), oldest
    /// first: what a privacy request reads to find one customer's. One pass: reading a record also says it is live.
    /// </summary>
    Task<IReadOnlyList<ConversationRecord>> ListRecordsAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the activity, setting its <c>id</c> and <c>timestamp</c>; throws <see cref="ConversationNotFoundException"/>.
    /// A conversation a channel's connector keeps (<see cref="ChannelConversationIds.IsChannelKept"/>) goes on the
    /// undelivered index in the same step, due <see cref="ConversationOptions.RedeliverAfter"/> later, so what was
    /// appended for its customer is sent even if this process dies before its connector took it.
    /// </summary>
    Task<AppendedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends an activity that came in (from the customer, or to the bot from the desk) and, if
    /// <paramref name="startsTurn"/>, marks its turn pending in the same atomic step, so a turn acknowledged to
    /// its sender is never lost. An activity whose <c>channelData.clientActivityID</c> the conversation already
    /// has is not appended again: the first one's id is returned, as Direct Line does for a retried POST.
    /// Throws <see cref="ConversationNotFoundException"/>.
    /// </summary>
    Task<AppendedActivity> AppendIncomingAsync(string conversationId, Activity activity, bool startsTurn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the turn of the activity at <paramref name="done"/> done, if given (doing so twice is harmless), and
    /// hands out the conversation's earliest pending turn, or null if none is pending: one step, since a turn
    /// runner does the two back to back. The caller holds the turn lock, <paramref name="lease"/>: a store that
    /// keeps the lock too (Redis) releases it when no turn is left, and tells the lease so.
    /// </summary>
    Task<PendingTurn?> NextPendingTurnAsync(string conversationId, long? done = null, ITurnLease? lease = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// For a store that keeps the turn lock too (Redis): takes the lock under <paramref name="leaseToken"/> and hands
    /// out the earliest pending turn in one step, what a turn runner otherwise does in two round trips. Null from a
    /// store that does not keep the lock: the lock is then taken on its own. <paramref name="holdsAppended"/>: the
    /// caller has just appended an activity and holds it, so a fresh turn alone in the queue may come without its
    /// JSON (<see cref="PendingTurn.IsRead"/> false), which the caller reads from the log if it holds another.
    /// </summary>
    Task<PendingTurnStart?> TryStartPendingTurnsAsync(
        string conversationId, string leaseToken, bool holdsAppended = false, CancellationToken cancellationToken = default) =>
        Task.FromResult<PendingTurnStart?>(null);

    /// <summary>Conversations with a turn pending since before <paramref name="queuedBefore"/> (or whose last progress was), oldest first.</summary>
    Task<IReadOnlyList<string>> ListPendingTurnsAsync(DateTimeOffset queuedBefore, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Activities with sequence above <paramref name="afterSequence"/>, oldest first, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>What <see cref="ReadAsync"/> reads, each activity's JSON as UTF-8 bytes (a store that keeps bytes hands them over as they are).</summary>
    async Task<IReadOnlyList<LoggedUtf8Activity>> ReadUtf8Async(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
        [.. (await ReadAsync(conversationId, afterSequence, maxCount, cancellationToken))
            .Select(a => new LoggedUtf8Activity(a.ConversationId, a.Sequence, System.Text.Encoding.UTF8.GetBytes(a.Json)))];

    /// <summary>The sequence up to which the conversation's connector has taken everything for the customer: 0 at first, and if the conversation is gone.</summary>
    Task<long> GetDeliveredAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the delivered mark up to <paramref name="sequence"/> (never back: two processes may deliver), forgets
    /// failed sends, and takes the conversation off the undelivered index once nothing is after the mark (or it is
    /// gone); else its next sweep is <see cref="ConversationOptions.RedeliverAfter"/> from now.
    /// </summary>
    Task MarkDeliveredAsync(string conversationId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a failed send and puts the conversation's next sweep a back-off ahead: RedeliverAfter, doubling with
    /// each failure, at most <see cref="ConversationOptions.LongestRedeliveryBackoff"/>. Returns the failures so far.
    /// </summary>
    Task<int> PostponeDeliveryAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Conversations whose undelivered activities are due for the sweep now, most overdue first, each put
    /// RedeliverAfter ahead in the same step: another process's sweep leaves it to this one meanwhile.
    /// </summary>
    Task<IReadOnlyList<string>> ClaimUndeliveredAsync(int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the conversation with everything kept beside it (its log, pending turns, client ids, connector
    /// reference) and takes it off every index (a privacy request); false if it was not there.
    /// </summary>
    Task<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onAppended"/> for every activity appended to the conversation by any server process, in
    /// order, until the result is disposed. Completes once the subscription is in place: everything appended after
    /// that reaches the listener, so a caller that reads the log next misses nothing in between. The JSON comes as
    /// UTF-8, as the store sent it: its one listener in production writes it to a socket as it is.
    /// </summary>
    Task<IDisposable> SubscribeAsync(string conversationId, Action<LoggedUtf8Activity> onAppended, CancellationToken cancellationToken = default);
}

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

    /// <summary>Appends the activity, setting its <c>id</c> and <c>timestamp</c>; throws <see cref="ConversationNotFoundException"/>.</summary>
    Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Activities with sequence above <paramref name="afterSequence"/>, oldest first, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onAppended"/> for every activity appended to the conversation by any server process, in order.</summary>
    IDisposable Subscribe(string conversationId, Action<LoggedActivity> onAppended);
}

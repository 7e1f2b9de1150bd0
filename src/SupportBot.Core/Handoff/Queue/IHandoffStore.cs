namespace SupportBot.Handoff.Queue;

public enum ClaimOutcome
{
    /// <summary>The agent now owns the conversation.</summary>
    Claimed,

    /// <summary>The conversation is not waiting any more: another agent was quicker, or it ended.</summary>
    Taken,

    /// <summary>The agent already has as many chats as their capacity allows.</summary>
    AtCapacity,

    NotFound,

    /// <summary>The acting agent does not own the conversation.</summary>
    NotOwner,
}

/// <summary>
/// The hand-off queue and who owns which conversation. Every change of owner is atomic: of many agents claiming
/// one conversation at once exactly one wins, and an agent never goes over capacity. Redis when configured,
/// in memory otherwise.
/// </summary>
public interface IHandoffStore : SupportBot.Conversations.ICustomerData
{
    /// <summary>Queues a hand-off (its stage must be Queued); false if the conversation already has an open one.</summary>
    Task<bool> EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default);

    /// <summary>The conversation's current (or last) hand-off.</summary>
    Task<HandoffRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The conversation's hand-off as the conversation log read it when it handed the turn out
    /// (<paramref name="preload"/>), where that read was of this store (null: none). False: read it with
    /// <see cref="GetAsync"/>. Each preload is taken once.
    /// </summary>
    bool TryTakePreloaded(SupportBot.Conversations.TurnPreload preload, string conversationId, out HandoffRecord? record)
    {
        record = null;
        return false;
    }

    /// <summary>Every waiting hand-off in routing order: higher priority first, then first come, first served.</summary>
    Task<IReadOnlyList<HandoffRecord>> WaitingAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives a waiting conversation to the agent if it is still waiting and the agent has room.</summary>
    Task<ClaimOutcome> ClaimAsync(string conversationId, string agentId, string agentName, int capacity, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Moves a conversation from its owner to another agent who has room.</summary>
    Task<ClaimOutcome> TransferAsync(string conversationId, string fromAgentId, string toAgentId, string toAgentName, int toCapacity, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The owner puts the conversation back in the queue, keeping its original place.</summary>
    Task<ClaimOutcome> RequeueAsync(string conversationId, string fromAgentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the hand-off: by its owner (<paramref name="agentId"/>, stage Closed or ReturnedToBot), or while still
    /// waiting (<paramref name="agentId"/> null, stage Abandoned). Returns the ended record, or null when the
    /// conversation is not in the state that allows it. Ended hand-offs are kept for <see cref="EndedAsync"/>.
    /// </summary>
    Task<HandoffRecord?> EndAsync(string conversationId, string? agentId, HandoffStage stage, HandoffResolution? resolution, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The conversations the agent owns.</summary>
    Task<IReadOnlyList<HandoffRecord>> ActiveAsync(string agentId, CancellationToken cancellationToken = default);

    Task<int> ActiveCountAsync(string agentId, CancellationToken cancellationToken = default);

    Task SetAnnouncedPositionAsync(string conversationId, int position, CancellationToken cancellationToken = default);

    /// <summary>Records the customer's survey on the conversation's last hand-off (current record and its ended copy).</summary>
    Task SaveSurveyAsync(string conversationId, SurveyResult survey, CancellationToken cancellationToken = default);

    Task AddNoteAsync(string conversationId, AgentNote note, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AgentNote>> NotesAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Hand-offs that ended in [since, until), oldest first: the retraining export reads resolutions from here.</summary>
    Task<IReadOnlyList<HandoffRecord>> EndedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}

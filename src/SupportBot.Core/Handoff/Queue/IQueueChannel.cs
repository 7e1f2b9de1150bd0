using SupportBot.Handoff.Agents;
using SupportBot.Schema;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// What the queue policy tells customers and consoles (the host implements it: the conversations, the dialogs'
/// wording, SignalR).
/// </summary>
public interface IQueueChannel
{
    /// <summary>A hand-off status for the bot (accepted, failed), which then tells the customer.</summary>
    Task DeliverToBotAsync(string conversationId, Activity status, CancellationToken cancellationToken);

    /// <summary>The customer's new place in the queue and the likely wait in minutes.</summary>
    Task AnnouncePlaceAsync(HandoffRecord record, int position, int minutes, CancellationToken cancellationToken);

    /// <summary>The chat was given to <paramref name="agentId"/>.</summary>
    Task ChatAssignedAsync(string agentId, HandoffRecord record, CancellationToken cancellationToken);

    /// <summary>The queue as it stands after a pass (consoles show it; the host pushes only changes).</summary>
    Task QueueAsync(IReadOnlyList<HandoffRecord> waiting, CancellationToken cancellationToken);

    /// <summary>Every account and who is online after a pass (the supervisors' team view; the host pushes only changes).</summary>
    Task PresenceAsync(IReadOnlyList<AgentAccount> accounts, IReadOnlyList<OnlineAgent> online, CancellationToken cancellationToken);
}

using SupportBot.Handoff.Queue;
using SupportBot.Schema;

namespace SupportBot.Handoff.Desk;

/// <summary>
/// How the desk tells agents' consoles what changed (the host implements it over SignalR). The agent who acted has
/// the answer already; these reach their other tabs and the other agents concerned.
/// </summary>
public interface IDeskNotifier
{
    /// <summary>The agent wrote to the customer: their other tabs show it.</summary>
    Task AgentMessageAsync(DeskAgent agent, string conversationId, Activity message);

    /// <summary>A note on the chat: its owner reads it (the author's other tabs, when the author owns it).</summary>
    Task NoteAddedAsync(DeskAgent author, HandoffRecord record, AgentNote note);

    /// <summary>The chat left the agent ("requeued", "transferred", "returned", "closed").</summary>
    Task ChatEndedAsync(DeskAgent agent, string conversationId, string reason);

    /// <summary>The chat is now <paramref name="agentId"/>'s (a colleague passed it on).</summary>
    Task ChatAssignedAsync(string agentId, HandoffRecord record, CancellationToken cancellationToken);
}

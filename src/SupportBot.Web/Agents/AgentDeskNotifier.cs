using Microsoft.AspNetCore.SignalR;
using SupportBot.Handoff.Desk;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;

namespace SupportBot.Web.Agents;

/// <summary>The desk's news for agents' consoles, over the hub's per-agent groups.</summary>
public sealed class AgentDeskNotifier(IHubContext<AgentHub, IAgentClient> hub, ChatViews views) : IDeskNotifier
{
    public Task AgentMessageAsync(DeskAgent agent, string conversationId, Activity message) =>
        OtherTabs(agent).AgentMessage(conversationId, Transcripts.Entry(message)!);

    public Task NoteAddedAsync(DeskAgent author, HandoffRecord record, AgentNote note)
    {
        var readers = record.AgentId is { } owner && owner != author.Id
            ? hub.Clients.Group(AgentConnections.Group(owner))
            : OtherTabs(author);
        return readers.NoteAdded(record.ConversationId, note);
    }

    public Task ChatEndedAsync(DeskAgent agent, string conversationId, string reason) =>
        OtherTabs(agent).ChatEnded(conversationId, reason);

    public async Task ChatAssignedAsync(string agentId, HandoffRecord record, CancellationToken cancellationToken) =>
        await hub.Clients.Group(AgentConnections.Group(agentId)).ChatAssigned(await views.ViewAsync(record, cancellationToken));

    // The caller's own console has the result already; the agent's other tabs need to hear of it.
    private IAgentClient OtherTabs(DeskAgent agent) => agent.ConnectionId is { } caller
        ? hub.Clients.GroupExcept(AgentConnections.Group(agent.Id), [caller])
        : hub.Clients.Group(AgentConnections.Group(agent.Id));
}

using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using SupportBot.Builder;
using SupportBot.Dialogs;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.Agents;

/// <summary>
/// The queue policy's voice: statuses and places to customers through their conversations (worded by the dialog
/// files), and the queue and the team's presence to consoles, pushed only when they changed since this process's
/// last push.
/// </summary>
public sealed class QueueChannel(
    ConversationService conversations, DialogCatalogProvider dialogs, ChatViews views, IHubContext<AgentHub, IAgentClient> hub) : IQueueChannel
{
    private string _lastQueue = "";
    private string _lastPresence = "";

    public Task DeliverToBotAsync(string conversationId, Activity status, CancellationToken cancellationToken) =>
        conversations.DeliverToBotAsync(conversationId, status, cancellationToken);

    public Task AnnouncePlaceAsync(HandoffRecord record, int position, int minutes, CancellationToken cancellationToken)
    {
        var text = HandoffService.Fill(dialogs.Current.Message(HandoffMessages.QueueMoved, record.Language), position, minutes);
        return conversations.SendToCustomerAsync(record.ConversationId, conversations.BotAccount, MessageFactory.Text(text, record.Language), cancellationToken);
    }

    public async Task ChatAssignedAsync(string agentId, HandoffRecord record, CancellationToken cancellationToken) =>
        await hub.Clients.Group(AgentConnections.Group(agentId)).ChatAssigned(await views.ViewAsync(record, cancellationToken));

    public async Task QueueAsync(IReadOnlyList<HandoffRecord> waiting, CancellationToken cancellationToken)
    {
        var items = ChatViews.Queue(waiting);
        var snapshot = JsonSerializer.Serialize(items);
        if (snapshot != _lastQueue)
        {
            _lastQueue = snapshot;
            await hub.Clients.Group(AgentConnections.Everyone).QueueChanged(items);
        }
    }

    public async Task PresenceAsync(IReadOnlyList<AgentAccount> accounts, IReadOnlyList<OnlineAgent> online, CancellationToken cancellationToken)
    {
        var summaries = AgentDesk.Summaries(accounts, online);
        var snapshot = JsonSerializer.Serialize(summaries);
        if (snapshot != _lastPresence)
        {
            _lastPresence = snapshot;
            await hub.Clients.Group(AgentConnections.Everyone).PresenceChanged(summaries);
        }
    }
}

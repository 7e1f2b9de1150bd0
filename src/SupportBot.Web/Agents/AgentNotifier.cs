using Microsoft.AspNetCore.SignalR;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Schema;

namespace SupportBot.Web.Agents;

/// <summary>Tells agent consoles, over the hub, what happened on the customer's side.</summary>
public sealed class AgentNotifier(IHubContext<AgentHub, IAgentClient> hub, QueueSignal queue) : IAgentNotifier
{
    public async Task EscalatedAsync(HandoffRecord record, CancellationToken cancellationToken = default)
    {
        queue.Raise();
        await hub.Clients.Group(AgentConnections.Everyone).Escalated(ChatViews.Queue([record])[0] with { Position = record.AnnouncedPosition });
    }

    public Task QueueChangedAsync(CancellationToken cancellationToken = default)
    {
        queue.Raise();
        return Task.CompletedTask;
    }

    public Task CustomerActivityAsync(HandoffRecord record, Activity activity, CancellationToken cancellationToken = default)
    {
        var owner = hub.Clients.Group(AgentConnections.Group(record.AgentId!));
        if (activity.Type == ActivityTypes.Typing)
        {
            return owner.CustomerTyping(record.ConversationId);
        }

        return Transcripts.Entry(activity) is { } entry ? owner.CustomerMessage(record.ConversationId, entry) : Task.CompletedTask;
    }

    public Task TicketCreatedAsync(Ticket ticket, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(AgentConnections.Everyone).TicketCreated(AgentDesk.View(ticket));

    public Task SurveyReceivedAsync(HandoffRecord record, SurveyResult survey, CancellationToken cancellationToken = default) =>
        record.AgentId is { } agent
            ? hub.Clients.Group(AgentConnections.Group(agent)).SurveyReceived(record.ConversationId, survey)
            : Task.CompletedTask;
}

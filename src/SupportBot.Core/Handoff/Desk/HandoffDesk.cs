using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Schema;

namespace SupportBot.Handoff.Desk;

/// <summary>
/// What agents do, with every rule checked here rather than in the hub: only the owner of a chat talks in it,
/// closes it or passes it on; agents take only chats in their languages and skills (supervisors any); every change
/// of owner goes through the store's atomic operations; the customer hears about it through the bot.
/// A rule that says no returns a <see cref="DeskRefusal"/> ("taken", "not_owner", ...); exceptions are for failures.
/// </summary>
public sealed partial class HandoffDesk(
    IHandoffStore store,
    AgentDirectory directory,
    IAgentPresence presence,
    ITicketStore tickets,
    IDeskChannel channel,
    IDeskNotifier notifier,
    IIntentList intents,
    QueueSignal queue,
    TimeProvider clock)
{
    public async Task<DeskRefusal?> SetStatusAsync(DeskAgent agent, string? status, CancellationToken ct)
    {
        AgentStatus? value = status switch
        {
            AgentStatuses.Available => AgentStatus.Available,
            AgentStatuses.Away => AgentStatus.Away,
            _ => null,
        };
        if (value is null)
        {
            return new DeskRefusal(DeskCodes.InvalidStatus, $"Status is \"{AgentStatuses.Available}\" or \"{AgentStatuses.Away}\".");
        }

        await presence.SetStatusAsync(agent.Id, value.Value, ct);
        queue.Raise();
        return null;
    }

    public async Task<DeskRefusal?> ResolveTicketAsync(DeskAgent agent, string? ticketId, CancellationToken ct)
    {
        if (DeskArguments.Id(ticketId, "A ticket id") is { } invalid)
        {
            return invalid;
        }

        return await tickets.ResolveAsync(ticketId!, agent.Id, clock.GetUtcNow(), ct)
            ? null
            : new DeskRefusal(DeskCodes.NotFound, $"There is no open ticket \"{ticketId}\".");
    }

    public async Task<DeskResult<AgentAccount>> AccountAsync(DeskAgent agent, CancellationToken ct) =>
        await directory.FindAsync(agent.Id, ct) is { } account ? account : new DeskRefusal(DeskCodes.NotAllowed, "Your account no longer exists.");

    private async Task<DeskResult<HandoffRecord>> RecordAsync(string? conversationId, CancellationToken ct) =>
        DeskArguments.Id(conversationId, "A conversation id") is { } invalid ? invalid
        : await store.GetAsync(conversationId!, ct) is { } record ? record
        : NoSuchChat;

    private async Task<DeskResult<HandoffRecord>> OwnedAsync(DeskAgent agent, string? conversationId, CancellationToken ct)
    {
        var found = await RecordAsync(conversationId, ct);
        return found.Value is { Stage: HandoffStage.Assigned } record && record.AgentId == agent.Id ? record
            : found.Refusal ?? NotOwner;
    }

    private static DeskRefusal? Refusal(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Claimed => null,
        ClaimOutcome.AtCapacity => new DeskRefusal(DeskCodes.AtCapacity, "That agent has no room for another chat."),
        ClaimOutcome.NotFound => NoSuchChat,
        _ => NotOwner,
    };

    private static DeskRefusal NoSuchChat => new(DeskCodes.NotFound, "There is no such chat.");

    private static DeskRefusal NotOwner => new(DeskCodes.NotOwner, "This chat is not yours.");

    private static ChannelAccount Sender(DeskAgent agent) => new(DeskAgent.ChannelIdPrefix + agent.Id, agent.Name, RoleTypes.Bot);
}

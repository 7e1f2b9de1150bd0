using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SupportBot.Dialogs;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Intents;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.Agents;

/// <summary>
/// What agents do, with every rule checked here rather than in the hub: only the owner of a chat talks in it,
/// closes it or passes it on; agents take only chats in their languages and skills (supervisors any); every change
/// of owner goes through the store's atomic operations; the customer hears about it through the bot.
/// A rule that says no returns a <see cref="DeskRefusal"/> ("taken", "not_owner", ...); exceptions are for failures.
/// </summary>
public sealed partial class AgentDesk(
    IHandoffStore store,
    AgentDirectory directory,
    IAgentPresence presence,
    AgentConnections connections,
    ITicketStore tickets,
    ChatViews views,
    ConversationService conversations,
    DialogCatalogProvider dialogs,
    CannedResponses canned,
    QueueSignal queue,
    IHubContext<AgentHub, IAgentClient> hub,
    IOptions<DirectLineOptions> directLine,
    TimeProvider clock)
{
    public async Task ConnectedAsync(SignedInAgent agent, string connectionId, CancellationToken ct)
    {
        connections.Add(agent.Id, connectionId);
        await hub.Groups.AddToGroupAsync(connectionId, AgentConnections.Everyone, ct);
        await hub.Groups.AddToGroupAsync(connectionId, AgentConnections.Group(agent.Id), ct);
        await presence.ConnectedAsync(agent.Id, connectionId, clock.GetUtcNow(), ct);
        queue.Raise();
    }

    public async Task DisconnectedAsync(SignedInAgent agent, string connectionId)
    {
        connections.Remove(connectionId);
        await presence.DisconnectedAsync(agent.Id, connectionId);
        queue.Raise();
    }

    public async Task<DeskResult<AgentProfile>> ProfileAsync(SignedInAgent agent, CancellationToken ct)
    {
        var found = await AccountAsync(agent, ct);
        if (found.Value is not { } account)
        {
            return found.Refusal!;
        }

        var online = await directory.OnlineAsync(ct);
        var status = online.FirstOrDefault(a => a.Account.Id == agent.Id)?.Status == AgentStatus.Away ? AgentStatuses.Away : AgentStatuses.Available;
        return new AgentProfile(account.Id, account.Name, account.Roles, account.Languages, account.Skills, account.Capacity, status, Intents(), canned.ByLanguage);
    }

    public async Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken ct) => ChatViews.Queue(await store.WaitingAsync(ct));

    public async Task<IReadOnlyList<ChatView>> MyChatsAsync(SignedInAgent agent, CancellationToken ct)
    {
        var chats = new List<ChatView>();
        foreach (var record in await store.ActiveAsync(agent.Id, ct))
        {
            chats.Add(await views.ViewAsync(record, ct));
        }

        return chats;
    }

    public async Task<IReadOnlyList<AgentSummary>> AgentsAsync(CancellationToken ct) =>
        Summaries(await directory.AllAsync(ct), await directory.OnlineAsync(ct));

    public async Task<DeskRefusal?> SetStatusAsync(SignedInAgent agent, string? status, CancellationToken ct)
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

    public async Task<IReadOnlyList<TicketView>> TicketsAsync(CancellationToken ct) =>
        [.. (await tickets.ListAsync(200, includeResolved: false, ct)).Select(View)];

    public async Task<DeskRefusal?> ResolveTicketAsync(SignedInAgent agent, string? ticketId, CancellationToken ct)
    {
        if (DeskArguments.Id(ticketId, "A ticket id") is { } invalid)
        {
            return invalid;
        }

        return await tickets.ResolveAsync(ticketId!, agent.Id, clock.GetUtcNow(), ct)
            ? null
            : new DeskRefusal(DeskCodes.NotFound, $"There is no open ticket \"{ticketId}\".");
    }

    public static TicketView View(Ticket t) => new(t.Id, t.ConversationId, t.Email, t.Message, t.Language, t.Reason, t.CreatedAt, t.IsOpen);

    /// <summary>Every account with its presence and load: offline ones too, for the supervisors' team view.</summary>
    public static IReadOnlyList<AgentSummary> Summaries(IReadOnlyList<AgentAccount> accounts, IReadOnlyList<OnlineAgent> online) =>
        [.. accounts.Select(account => online.FirstOrDefault(o => o.Account.Id == account.Id) is { } o
            ? new AgentSummary(account.Id, account.Name, o.Status == AgentStatus.Away ? AgentStatuses.Away : AgentStatuses.Available, o.Active, account.Capacity, account.Languages, account.Skills)
            : new AgentSummary(account.Id, account.Name, AgentStatuses.Offline, 0, account.Capacity, account.Languages, account.Skills))];

    private IReadOnlyList<string> Intents() =>
        [.. dialogs.Current.Dialogs.Keys.Where(k => k != HandoffMessages.LeaveMessageDialog).Order(StringComparer.Ordinal), IntentNames.OutOfScope];

    // The caller's own console has the result already; the agent's other tabs need to hear of it.
    private IAgentClient OtherTabs(SignedInAgent agent) => agent.ConnectionId is { } caller
        ? hub.Clients.GroupExcept(AgentConnections.Group(agent.Id), [caller])
        : hub.Clients.Group(AgentConnections.Group(agent.Id));

    private async Task<DeskResult<AgentAccount>> AccountAsync(SignedInAgent agent, CancellationToken ct) =>
        await directory.FindAsync(agent.Id, ct) is { } account ? account : new DeskRefusal(DeskCodes.NotAllowed, "Your account no longer exists.");

    private async Task<DeskResult<HandoffRecord>> RecordAsync(string? conversationId, CancellationToken ct) =>
        DeskArguments.Id(conversationId, "A conversation id") is { } invalid ? invalid
        : await store.GetAsync(conversationId!, ct) is { } record ? record
        : NoSuchChat;

    private async Task<DeskResult<HandoffRecord>> OwnedAsync(SignedInAgent agent, string? conversationId, CancellationToken ct)
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

    private static ChannelAccount Sender(SignedInAgent agent) => new(Transcripts.AgentIdPrefix + agent.Id, agent.Name, RoleTypes.Bot);
}

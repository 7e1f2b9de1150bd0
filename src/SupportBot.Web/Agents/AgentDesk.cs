using Microsoft.AspNetCore.SignalR;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Desk;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;

namespace SupportBot.Web.Agents;

/// <summary>
/// The console's side of the desk: connections and presence, the lists a console shows, and the views of what
/// <see cref="HandoffDesk"/> (where every rule lives) answers. Refusals pass through unchanged.
/// </summary>
public sealed class AgentDesk(
    HandoffDesk desk,
    IHandoffStore store,
    AgentDirectory directory,
    IAgentPresence presence,
    AgentConnections connections,
    ITicketStore tickets,
    ChatViews views,
    IIntentList intents,
    CannedResponses canned,
    TicketReplies replies,
    QueueSignal queue,
    IHubContext<AgentHub, IAgentClient> hub,
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
        var found = await desk.AccountAsync(agent.Desk, ct);
        if (found.Value is not { } account)
        {
            return found.Refusal!;
        }

        var online = await directory.OnlineAsync(ct);
        var status = online.FirstOrDefault(a => a.Account.Id == agent.Id)?.Status == AgentStatus.Away ? AgentStatuses.Away : AgentStatuses.Available;
        return new AgentProfile(account.Id, account.Name, account.Roles, account.Languages, account.Skills, account.Capacity, status, intents.Current(), canned.ByLanguage);
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

    public async Task<IReadOnlyList<TicketView>> TicketsAsync(CancellationToken ct) =>
        [.. (await tickets.ListAsync(200, includeResolved: false, ct)).Select(View)];

    public async Task<DeskResult<ChatView>> OpenAsync(SignedInAgent agent, string? conversationId, CancellationToken ct) =>
        await ViewAsync(await desk.OpenAsync(agent.Desk, conversationId, ct), ct);

    public async Task<DeskResult<ChatView>> ClaimAsync(SignedInAgent agent, string? conversationId, CancellationToken ct) =>
        await ViewAsync(await desk.ClaimAsync(agent.Desk, conversationId, ct), ct);

    public async Task<DeskResult<TranscriptEntry>> SendAsync(SignedInAgent agent, string? conversationId, string? text, CancellationToken ct)
    {
        var sent = await desk.SendAsync(agent.Desk, conversationId, text, ct);
        return sent.Value is { } activity ? Transcripts.Entry(activity)! : sent.Refusal!;
    }

    /// <summary>Colleagues a chat can go to: online, Available, with room, and speaking its language and skill.</summary>
    public async Task<DeskResult<AgentSummary[]>> TransferTargetsAsync(SignedInAgent agent, string? conversationId, CancellationToken ct)
    {
        var found = await desk.OpenAsync(agent.Desk, conversationId, ct);
        if (found.Value is not { } record)
        {
            return found.Refusal!;
        }

        var online = await directory.OnlineAsync(ct);
        var targets = online.Where(o => o.Account.Id != agent.Id && o.HasRoom && o.Matches(record.Language, record.Skill)).ToList();
        AgentSummary[] summaries = [.. Summaries([.. targets.Select(o => o.Account)], targets)];
        return summaries;
    }

    /// <summary>What this agent closed or gave back to the bot in the last <see cref="RecentWindow"/>, newest first, with ratings.</summary>
    public async Task<IReadOnlyList<RecentChat>> RecentAsync(SignedInAgent agent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ended = await store.EndedAsync(now - RecentWindow, now.AddSeconds(1), ct);
        return [.. ended.Where(r => r.AgentId == agent.Id).OrderByDescending(r => r.EndedAt).Take(MaxRecent)
            .Select(r => new RecentChat(r.ConversationId, r.UserName, ChatViews.Stage(r.Stage), r.EndedAt ?? now, r.Resolution?.Intent, r.Survey))];
    }

    public async Task<DeskResult<TicketView>> ReplyTicketAsync(SignedInAgent agent, string? ticketId, string? text, CancellationToken ct)
    {
        var replied = await replies.ReplyAsync(agent.Desk, ticketId, text, ct);
        return replied.Value is { } ticket ? View(ticket) : replied.Refusal!;
    }

    /// <summary>A working day: the console's "recently closed" list, read once per (re)connect.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(12);

    private const int MaxRecent = 50;

    public static TicketView View(Ticket t) => new(t.Id, t.ConversationId, t.Email, t.Message, t.Language, t.Reason, t.CreatedAt, t.IsOpen, t.Replies);

    /// <summary>Every account with its presence and load: offline ones too, for the supervisors' team view.</summary>
    public static IReadOnlyList<AgentSummary> Summaries(IReadOnlyList<AgentAccount> accounts, IReadOnlyList<OnlineAgent> online) =>
        [.. accounts.Select(account => online.FirstOrDefault(o => o.Account.Id == account.Id) is { } o
            ? new AgentSummary(account.Id, account.Name, o.Status == AgentStatus.Away ? AgentStatuses.Away : AgentStatuses.Available, o.Active, account.Capacity, account.Languages, account.Skills)
            : new AgentSummary(account.Id, account.Name, AgentStatuses.Offline, 0, account.Capacity, account.Languages, account.Skills))];

    private async Task<DeskResult<ChatView>> ViewAsync(DeskResult<HandoffRecord> result, CancellationToken ct) =>
        result.Value is { } record ? await views.ViewAsync(record, ct) : result.Refusal!;
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SupportBot.Handoff.Desk;
using SupportBot.Handoff.Queue;

namespace SupportBot.Web.Agents;

/// <summary>
/// The agent console's real-time channel (/hubs/agents), for signed-in agents only. Thin: every method forwards
/// to <see cref="HandoffDesk"/> (the rules) or <see cref="AgentDesk"/> (the console's views of them) and answers its refusals as a <see cref="HubException"/> "code: message", which the
/// console shows ("taken: ...", "not_owner: ..."); <see cref="AgentHubErrors"/> logs them and codes the rest.
/// </summary>
[Authorize(AuthenticationSchemes = AgentAuth.SchemeName)]
public sealed class AgentHub(AgentDesk desk, HandoffDesk rules) : Hub<IAgentClient>
{
    public override Task OnConnectedAsync() => desk.ConnectedAsync(Agent, Context.ConnectionId, Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception) => desk.DisconnectedAsync(Agent, Context.ConnectionId);

    public async Task<AgentProfile> Profile() => Answer(await desk.ProfileAsync(Agent, Aborted));

    public Task<IReadOnlyList<QueueItem>> Queue() => desk.QueueAsync(Aborted);

    public Task<IReadOnlyList<ChatView>> MyChats() => desk.MyChatsAsync(Agent, Aborted);

    public Task<IReadOnlyList<AgentSummary>> Agents() => desk.AgentsAsync(Aborted);

    public async Task<ChatView> Open(string? conversationId) => Answer(await desk.OpenAsync(Agent, conversationId, Aborted));

    public async Task<ChatView> Claim(string? conversationId) => Answer(await desk.ClaimAsync(Agent, conversationId, Aborted));

    public async Task<TranscriptEntry> Send(string? conversationId, string? text) => Answer(await desk.SendAsync(Agent, conversationId, text, Aborted));

    public async Task Typing(string? conversationId) => Answer(await rules.TypingAsync(Agent.Desk, conversationId, Aborted));

    public async Task<AgentNote> Note(string? conversationId, string? text) => Answer(await rules.NoteAsync(Agent.Desk, conversationId, text, Aborted));

    public async Task Transfer(string? conversationId, string? toAgentId) => Answer(await rules.TransferAsync(Agent.Desk, conversationId, toAgentId, Aborted));

    public async Task ReturnToBot(string? conversationId, string? intent) => Answer(await rules.ReturnToBotAsync(Agent.Desk, conversationId, intent, Aborted));

    public async Task Close(string? conversationId, string? intent, string?[]? tags, string? note) =>
        Answer(await rules.CloseAsync(Agent.Desk, conversationId, intent, tags ?? [], note, Aborted));

    public async Task SetStatus(string? status) => Answer(await rules.SetStatusAsync(Agent.Desk, status, Aborted));

    public Task<IReadOnlyList<TicketView>> Tickets() => desk.TicketsAsync(Aborted);

    public async Task<TicketView> ReplyTicket(string? ticketId, string? text) => Answer(await desk.ReplyTicketAsync(Agent, ticketId, text, Aborted));

    public async Task<AgentSummary[]> TransferTargets(string? conversationId) => Answer(await desk.TransferTargetsAsync(Agent, conversationId, Aborted));

    public Task<IReadOnlyList<RecentChat>> Recent() => desk.RecentAsync(Agent, Aborted);

    public async Task ResolveTicket(string? ticketId) => Answer(await rules.ResolveTicketAsync(Agent.Desk, ticketId, Aborted));

    private SignedInAgent Agent => SignedInAgent.From(Context.User) with { ConnectionId = Context.ConnectionId };

    private CancellationToken Aborted => Context.ConnectionAborted;

    private static T Answer<T>(DeskResult<T> result) where T : class =>
        result.Value ?? throw new HubException(result.Refusal!.ToString());

    private static void Answer(DeskRefusal? refusal)
    {
        if (refusal is not null)
        {
            throw new HubException(refusal.ToString());
        }
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace SupportBot.Web.Agents;

/// <summary>
/// The agent console's real-time channel (/hubs/agents), for signed-in agents only. Thin: every method forwards
/// to <see cref="AgentDesk"/>, which checks ownership and throws <see cref="HubException"/> with a code the
/// console shows ("taken: ...", "not_owner: ...").
/// </summary>
[Authorize(AuthenticationSchemes = AgentAuth.SchemeName)]
public sealed class AgentHub(AgentDesk desk) : Hub<IAgentClient>
{
    public override Task OnConnectedAsync() => desk.ConnectedAsync(Agent, Context.ConnectionId, Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception) => desk.DisconnectedAsync(Agent, Context.ConnectionId);

    public Task<AgentProfile> Profile() => desk.ProfileAsync(Agent, Context.ConnectionAborted);

    public Task<IReadOnlyList<QueueItem>> Queue() => desk.QueueAsync(Context.ConnectionAborted);

    public Task<IReadOnlyList<ChatView>> MyChats() => desk.MyChatsAsync(Agent, Context.ConnectionAborted);

    public Task<IReadOnlyList<AgentSummary>> Agents() => desk.AgentsAsync(Context.ConnectionAborted);

    public Task<ChatView> Open(string conversationId) => desk.OpenAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<ChatView> Claim(string conversationId) => desk.ClaimAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<TranscriptEntry> Send(string conversationId, string text) => desk.SendAsync(Agent, conversationId, text, Context.ConnectionAborted);

    public Task Typing(string conversationId) => desk.TypingAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<SupportBot.Handoff.AgentNote> Note(string conversationId, string text) => desk.NoteAsync(Agent, conversationId, text, Context.ConnectionAborted);

    public Task Transfer(string conversationId, string? toAgentId) => desk.TransferAsync(Agent, conversationId, toAgentId, Context.ConnectionAborted);

    public Task ReturnToBot(string conversationId, string? intent) => desk.ReturnToBotAsync(Agent, conversationId, intent, Context.ConnectionAborted);

    public Task Close(string conversationId, string intent, string[]? tags, string? note) =>
        desk.CloseAsync(Agent, conversationId, intent, tags ?? [], note, Context.ConnectionAborted);

    public Task SetStatus(string status) => desk.SetStatusAsync(Agent, status, Context.ConnectionAborted);

    public Task<IReadOnlyList<TicketView>> Tickets() => desk.TicketsAsync(Context.ConnectionAborted);

    public Task ResolveTicket(string ticketId) => desk.ResolveTicketAsync(Agent, ticketId, Context.ConnectionAborted);

    private SignedInAgent Agent => SignedInAgent.From(Context.User) with { ConnectionId = Context.ConnectionId };
}

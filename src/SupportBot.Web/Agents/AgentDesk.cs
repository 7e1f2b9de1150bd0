using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SupportBot.Agents;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Intents;
using SupportBot.Schema;
using SupportBot.Tickets;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.Agents;

/// <summary>
/// What agents do, with every rule checked here rather than in the hub: only the owner of a chat talks in it,
/// closes it or passes it on; agents take only chats in their languages and skills (supervisors any); every change
/// of owner goes through the store's atomic operations; the customer hears about it through the bot.
/// Errors are <see cref="HubException"/>s whose message starts with a code ("taken: ...").
/// </summary>
public sealed class AgentDesk(
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
    private const int MaxTags = 10;
    private const int MaxTagLength = 40;
    private const int MaxNoteLength = 2000;

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

    public async Task<AgentProfile> ProfileAsync(SignedInAgent agent, CancellationToken ct)
    {
        var account = await AccountAsync(agent, ct);
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

    /// <summary>A chat to read: one's own, a waiting one the agent could take, or any for a supervisor.</summary>
    public async Task<ChatView> OpenAsync(SignedInAgent agent, string conversationId, CancellationToken ct)
    {
        var record = await RecordAsync(conversationId, ct);
        var account = await AccountAsync(agent, ct);
        var allowed = agent.IsSupervisor || record.AgentId == agent.Id
            || (record.Stage == HandoffStage.Queued && account.Speaks(record.Language) && account.Handles(record.Skill));
        return allowed ? await views.ViewAsync(record, ct) : throw Error("not_allowed", "This chat is not yours to open.");
    }

    public async Task<ChatView> ClaimAsync(SignedInAgent agent, string conversationId, CancellationToken ct)
    {
        var record = await RecordAsync(conversationId, ct);
        var account = await AccountAsync(agent, ct);
        if (!agent.IsSupervisor && !(account.Speaks(record.Language) && account.Handles(record.Skill)))
        {
            throw Error("not_allowed", $"This chat needs an agent for {record.Language}/{record.Skill}.");
        }

        switch (await store.ClaimAsync(conversationId, account.Id, account.Name, account.Capacity, clock.GetUtcNow(), ct))
        {
            case ClaimOutcome.Claimed:
                queue.Raise();
                await conversations.DeliverToBotAsync(conversationId, new HandoffStatus(HandoffStates.Accepted, account.Name, null, null, null).ToActivity(), ct);
                return await views.ViewAsync(await RecordAsync(conversationId, ct), ct);
            case ClaimOutcome.AtCapacity:
                throw Error("at_capacity", $"You already have {account.Capacity} chats, your maximum.");
            case ClaimOutcome.NotFound:
                throw Error("not_found", "There is no such chat.");
            default:
                throw Error("taken", "Someone else took this chat, or it is no longer waiting.");
        }
    }

    public async Task<TranscriptEntry> SendAsync(SignedInAgent agent, string conversationId, string? text, CancellationToken ct)
    {
        var message = text?.Trim();
        if (string.IsNullOrEmpty(message) || message.Length > directLine.Value.MaxTextLength)
        {
            throw Error("invalid_text", $"A message needs text, at most {directLine.Value.MaxTextLength} characters.");
        }

        var record = await OwnedAsync(agent, conversationId, ct);
        var activity = new Activity { Type = ActivityTypes.Message, Text = message, TextFormat = TextFormatTypes.Plain, Locale = record.Language };
        await conversations.SendToCustomerAsync(conversationId, Sender(agent), activity, ct);
        var entry = Transcripts.Entry(activity)!;
        await OtherTabs(agent).AgentMessage(conversationId, entry);
        return entry;
    }

    public async Task TypingAsync(SignedInAgent agent, string conversationId, CancellationToken ct)
    {
        await OwnedAsync(agent, conversationId, ct);
        await conversations.SendToCustomerAsync(conversationId, Sender(agent), new Activity { Type = ActivityTypes.Typing }, ct);
    }

    /// <summary>An internal note: kept with the hand-off for agents, never written to the conversation the customer reads.</summary>
    public async Task<AgentNote> NoteAsync(SignedInAgent agent, string conversationId, string? text, CancellationToken ct)
    {
        var note = text?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNoteLength)
        {
            throw Error("invalid_text", $"A note needs text, at most {MaxNoteLength} characters.");
        }

        var record = await RecordAsync(conversationId, ct);
        if (record.AgentId != agent.Id && !agent.IsSupervisor)
        {
            throw Error("not_owner", "This chat is not yours.");
        }

        var added = new AgentNote(agent.Id, agent.Name, note, clock.GetUtcNow());
        await store.AddNoteAsync(conversationId, added, ct);
        var readers = record.AgentId is { } owner && owner != agent.Id
            ? hub.Clients.Group(AgentConnections.Group(owner))
            : OtherTabs(agent);
        await readers.NoteAdded(conversationId, added);
        return added;
    }

    /// <summary>To a colleague (who must have room), or back to the queue with <paramref name="toAgentId"/> null.</summary>
    public async Task TransferAsync(SignedInAgent agent, string conversationId, string? toAgentId, CancellationToken ct)
    {
        await OwnedAsync(agent, conversationId, ct);
        if (string.IsNullOrWhiteSpace(toAgentId))
        {
            Check(await store.RequeueAsync(conversationId, agent.Id, ct));
            await store.SetAnnouncedPositionAsync(conversationId, 0, ct); // the coordinator tells the customer their place
            await OtherTabs(agent).ChatEnded(conversationId, "requeued");
            queue.Raise();
            return;
        }

        var target = await directory.FindAsync(toAgentId, ct) ?? throw Error("not_found", $"There is no agent \"{toAgentId}\".");
        if (target.Id == agent.Id)
        {
            throw Error("invalid_target", "The chat is already yours.");
        }

        var online = await directory.OnlineAsync(ct);
        if (!online.Any(a => a.Account.Id == target.Id))
        {
            throw Error("offline", $"{target.Name} is not online.");
        }

        Check(await store.TransferAsync(conversationId, agent.Id, target.Id, target.Name, target.Capacity, clock.GetUtcNow(), ct));
        await conversations.DeliverToBotAsync(conversationId, new HandoffStatus(HandoffStates.Accepted, target.Name, "transferred", null, null).ToActivity(), ct);
        await OtherTabs(agent).ChatEnded(conversationId, "transferred");
        await hub.Clients.Group(AgentConnections.Group(target.Id)).ChatAssigned(await views.ViewAsync(await RecordAsync(conversationId, ct), ct));
        queue.Raise();
    }

    /// <summary>The bot takes the conversation back, starting the dialog of <paramref name="intent"/> when one is given.</summary>
    public async Task ReturnToBotAsync(SignedInAgent agent, string conversationId, string? intent, CancellationToken ct)
    {
        var next = string.IsNullOrWhiteSpace(intent) ? null : intent.Trim();
        if (next is not null && !Intents().Contains(next))
        {
            throw Error("invalid_intent", $"\"{next}\" is not one of the bot's intents.");
        }

        await OwnedAsync(agent, conversationId, ct);
        if (await store.EndAsync(conversationId, agent.Id, HandoffStage.ReturnedToBot, null, clock.GetUtcNow(), ct) is null)
        {
            throw Error("not_owner", "This chat is not yours.");
        }

        await conversations.DeliverToBotAsync(conversationId, new HandoffStatus(HandoffStates.Completed, agent.Name, HandoffStatus.Returned, next, null).ToActivity(), ct);
        await OtherTabs(agent).ChatEnded(conversationId, "returned");
        queue.Raise();
    }

    /// <summary>Closes the chat with the intent the customer really meant (a training label), tags and a note; the customer gets the survey.</summary>
    public async Task CloseAsync(SignedInAgent agent, string conversationId, string? intent, string[] tags, string? note, CancellationToken ct)
    {
        var resolved = intent?.Trim();
        if (string.IsNullOrEmpty(resolved) || !Intents().Contains(resolved))
        {
            throw Error("invalid_intent", "Pick the intent the customer really meant from the list.");
        }

        var cleanTags = tags.Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct().ToList();
        if (cleanTags.Count > MaxTags || cleanTags.Any(t => t.Length > MaxTagLength) || note?.Length > MaxNoteLength)
        {
            throw Error("invalid_resolution", $"At most {MaxTags} tags of {MaxTagLength} characters, and a note of at most {MaxNoteLength}.");
        }

        await OwnedAsync(agent, conversationId, ct);
        var resolution = new HandoffResolution(resolved, cleanTags, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        if (await store.EndAsync(conversationId, agent.Id, HandoffStage.Closed, resolution, clock.GetUtcNow(), ct) is null)
        {
            throw Error("not_owner", "This chat is not yours.");
        }

        await conversations.DeliverToBotAsync(conversationId, new HandoffStatus(HandoffStates.Completed, agent.Name, HandoffStatus.Closed, null, null).ToActivity(), ct);
        await OtherTabs(agent).ChatEnded(conversationId, "closed");
        queue.Raise();
    }

    public async Task SetStatusAsync(SignedInAgent agent, string? status, CancellationToken ct)
    {
        var value = status switch
        {
            AgentStatuses.Available => AgentStatus.Available,
            AgentStatuses.Away => AgentStatus.Away,
            _ => throw Error("invalid_status", $"Status is \"{AgentStatuses.Available}\" or \"{AgentStatuses.Away}\"."),
        };
        await presence.SetStatusAsync(agent.Id, value, ct);
        queue.Raise();
    }

    public async Task<IReadOnlyList<TicketView>> TicketsAsync(CancellationToken ct) =>
        [.. (await tickets.ListAsync(200, includeResolved: false, ct)).Select(View)];

    public async Task ResolveTicketAsync(SignedInAgent agent, string ticketId, CancellationToken ct)
    {
        if (!await tickets.ResolveAsync(ticketId, agent.Id, clock.GetUtcNow(), ct))
        {
            throw Error("not_found", $"There is no open ticket \"{ticketId}\".");
        }
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

    private async Task<AgentAccount> AccountAsync(SignedInAgent agent, CancellationToken ct) =>
        await directory.FindAsync(agent.Id, ct) ?? throw Error("not_allowed", "Your account no longer exists.");

    private async Task<HandoffRecord> RecordAsync(string conversationId, CancellationToken ct) =>
        (string.IsNullOrWhiteSpace(conversationId) ? null : await store.GetAsync(conversationId, ct)) ?? throw Error("not_found", "There is no such chat.");

    private async Task<HandoffRecord> OwnedAsync(SignedInAgent agent, string conversationId, CancellationToken ct)
    {
        var record = await RecordAsync(conversationId, ct);
        return record is { Stage: HandoffStage.Assigned } && record.AgentId == agent.Id ? record : throw Error("not_owner", "This chat is not yours.");
    }

    private static void Check(ClaimOutcome outcome)
    {
        switch (outcome)
        {
            case ClaimOutcome.Claimed:
                return;
            case ClaimOutcome.AtCapacity:
                throw Error("at_capacity", "That agent has no room for another chat.");
            case ClaimOutcome.NotFound:
                throw Error("not_found", "There is no such chat.");
            default:
                throw Error("not_owner", "This chat is not yours.");
        }
    }

    private static ChannelAccount Sender(SignedInAgent agent) => new(Transcripts.AgentIdPrefix + agent.Id, agent.Name, RoleTypes.Bot);

    private static HubException Error(string code, string message) => new($"{code}: {message}");
}

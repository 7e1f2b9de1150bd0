using SupportBot.Handoff.Queue;
using SupportBot.Schema;

namespace SupportBot.Handoff.Desk;

/// <summary>Working on one chat: reading it, claiming it, talking in it, notes.</summary>
public sealed partial class HandoffDesk
{
    private const int MaxTags = 10;
    private const int MaxTagLength = 40;
    private const int MaxNoteLength = 2000;
    private const int MaxIntentLength = 100;

    /// <summary>A chat to read: one's own, a waiting one the agent could take, or any for a supervisor.</summary>
    public async Task<DeskResult<HandoffRecord>> OpenAsync(DeskAgent agent, string? conversationId, CancellationToken ct)
    {
        var (found, account) = (await RecordAsync(conversationId, ct), await AccountAsync(agent, ct));
        if ((found.Refusal ?? account.Refusal) is { } refused)
        {
            return refused;
        }

        var record = found.Value!;
        var allowed = agent.IsSupervisor || record.AgentId == agent.Id
            || (record.Stage == HandoffStage.Queued && account.Value!.Speaks(record.Language) && account.Value.Handles(record.Skill));
        return allowed ? record : new DeskRefusal(DeskCodes.NotAllowed, "This chat is not yours to open.");
    }

    public async Task<DeskResult<HandoffRecord>> ClaimAsync(DeskAgent agent, string? conversationId, CancellationToken ct)
    {
        var (found, me) = (await RecordAsync(conversationId, ct), await AccountAsync(agent, ct));
        if ((found.Refusal ?? me.Refusal) is { } refused)
        {
            return refused;
        }

        var (record, account) = (found.Value!, me.Value!);
        if (!agent.IsSupervisor && !(account.Speaks(record.Language) && account.Handles(record.Skill)))
        {
            return new DeskRefusal(DeskCodes.NotAllowed, $"This chat needs an agent for {record.Language}/{record.Skill}.");
        }

        switch (await store.ClaimAsync(record.ConversationId, account.Id, account.Name, account.Capacity, clock.GetUtcNow(), ct))
        {
            case ClaimOutcome.Claimed:
                queue.Raise();
                await channel.DeliverToBotAsync(record.ConversationId, new HandoffStatus(HandoffStates.Accepted, account.Name, null, null, null) { AgentId = account.Id }.ToActivity(), ct);
                return await RecordAsync(record.ConversationId, ct);
            case ClaimOutcome.AtCapacity:
                return new DeskRefusal(DeskCodes.AtCapacity, $"You already have {account.Capacity} chats, your maximum.");
            case ClaimOutcome.NotFound:
                return NoSuchChat;
            default:
                return new DeskRefusal(DeskCodes.Taken, "Someone else took this chat, or it is no longer waiting.");
        }
    }

    public async Task<DeskResult<Activity>> SendAsync(DeskAgent agent, string? conversationId, string? text, CancellationToken ct)
    {
        var message = text?.Trim();
        if (string.IsNullOrEmpty(message) || message.Length > channel.MaxTextLength)
        {
            return new DeskRefusal(DeskCodes.InvalidText, $"A message needs text, at most {channel.MaxTextLength} characters.");
        }

        var owned = await OwnedAsync(agent, conversationId, ct);
        if (owned.Value is not { } record)
        {
            return owned.Refusal!;
        }

        var activity = new Activity { Type = ActivityTypes.Message, Text = message, TextFormat = TextFormatTypes.Plain, Locale = record.Language };
        await channel.SendToCustomerAsync(record.ConversationId, Sender(agent), activity, ct);
        await notifier.AgentMessageAsync(agent, record.ConversationId, activity);
        return activity;
    }

    public async Task<DeskRefusal?> TypingAsync(DeskAgent agent, string? conversationId, CancellationToken ct)
    {
        var owned = await OwnedAsync(agent, conversationId, ct);
        if (owned.Value is not { } record)
        {
            return owned.Refusal!;
        }

        await channel.SendToCustomerAsync(record.ConversationId, Sender(agent), new Activity { Type = ActivityTypes.Typing }, ct);
        return null;
    }

    /// <summary>An internal note: kept with the hand-off for agents, never written to the conversation the customer reads.</summary>
    public async Task<DeskResult<AgentNote>> NoteAsync(DeskAgent agent, string? conversationId, string? text, CancellationToken ct)
    {
        var note = text?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNoteLength)
        {
            return new DeskRefusal(DeskCodes.InvalidText, $"A note needs text, at most {MaxNoteLength} characters.");
        }

        var found = await RecordAsync(conversationId, ct);
        if (found.Value is not { } record)
        {
            return found.Refusal!;
        }

        if (record.AgentId != agent.Id && !agent.IsSupervisor)
        {
            return NotOwner;
        }

        var added = new AgentNote(agent.Id, agent.Name, note, clock.GetUtcNow());
        await store.AddNoteAsync(record.ConversationId, added, ct);
        await notifier.NoteAddedAsync(agent, record, added);
        return added;
    }
}

using SupportBot.Handoff.Queue;
using SupportBot.Schema;

namespace SupportBot.Handoff.Desk;

/// <summary>Ending an agent's part in a chat: passing it to a colleague or the queue, back to the bot, or closing it.</summary>
public sealed partial class HandoffDesk
{
    /// <summary>To a colleague (who must have room), or back to the queue with <paramref name="toAgentId"/> null.</summary>
    public async Task<DeskRefusal?> TransferAsync(DeskAgent agent, string? conversationId, string? toAgentId, CancellationToken ct)
    {
        var owned = await OwnedAsync(agent, conversationId, ct);
        if ((owned.Refusal ?? DeskArguments.OptionalId(toAgentId, "The agent id")) is { } refused)
        {
            return refused;
        }

        var id = owned.Value!.ConversationId;
        if (string.IsNullOrWhiteSpace(toAgentId))
        {
            if (Refusal(await store.RequeueAsync(id, agent.Id, ct)) is { } requeueRefused)
            {
                return requeueRefused;
            }

            await store.SetAnnouncedPositionAsync(id, 0, ct); // the queue policy tells the customer their place
            await notifier.ChatEndedAsync(agent, id, "requeued");
            queue.Raise();
            return null;
        }

        var target = await directory.FindAsync(toAgentId, ct);
        if (target is null)
        {
            return new DeskRefusal(DeskCodes.NotFound, $"There is no agent \"{toAgentId}\".");
        }

        if (target.Id == agent.Id)
        {
            return new DeskRefusal(DeskCodes.InvalidTarget, "The chat is already yours.");
        }

        if (!(await directory.OnlineAsync(ct)).Any(a => a.Account.Id == target.Id))
        {
            return new DeskRefusal(DeskCodes.Offline, $"{target.Name} is not online.");
        }

        if (Refusal(await store.TransferAsync(id, agent.Id, target.Id, target.Name, target.Capacity, clock.GetUtcNow(), ct)) is { } transferRefused)
        {
            return transferRefused;
        }

        await channel.DeliverToBotAsync(id, new HandoffStatus(HandoffStates.Accepted, target.Name, "transferred", null, null) { AgentId = target.Id }.ToActivity(), ct);
        await notifier.ChatEndedAsync(agent, id, "transferred");
        if ((await RecordAsync(id, ct)).Value is { } moved)
        {
            await notifier.ChatAssignedAsync(target.Id, moved, ct);
        }

        queue.Raise();
        return null;
    }

    /// <summary>The bot takes the conversation back, starting the dialog of <paramref name="intent"/> when one is given.</summary>
    public async Task<DeskRefusal?> ReturnToBotAsync(DeskAgent agent, string? conversationId, string? intent, CancellationToken ct)
    {
        var next = string.IsNullOrWhiteSpace(intent) ? null : intent.Trim();
        if (next is not null && (next.Length > MaxIntentLength || !intents.Current().Contains(next)))
        {
            return new DeskRefusal(DeskCodes.InvalidIntent, next.Length > MaxIntentLength ? "That is not one of the bot's intents." : $"\"{next}\" is not one of the bot's intents.");
        }

        var owned = await OwnedAsync(agent, conversationId, ct);
        if (owned.Value is not { } record)
        {
            return owned.Refusal!;
        }

        return await EndAsync(agent, record.ConversationId, HandoffStage.ReturnedToBot, null,
            new HandoffStatus(HandoffStates.Completed, agent.Name, HandoffStatus.Returned, next, null) { AgentId = agent.Id }, "returned", ct);
    }

    /// <summary>Closes the chat with the intent the customer really meant (a training label), tags and a note; the customer gets the survey.</summary>
    public async Task<DeskRefusal?> CloseAsync(DeskAgent agent, string? conversationId, string? intent, string?[] tags, string? note, CancellationToken ct)
    {
        var resolved = intent?.Trim();
        if (string.IsNullOrEmpty(resolved) || resolved.Length > MaxIntentLength || !intents.Current().Contains(resolved))
        {
            return new DeskRefusal(DeskCodes.InvalidIntent, "Pick the intent the customer really meant from the list.");
        }

        var cleanTags = tags.Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct().ToList();
        if (cleanTags.Count > MaxTags || cleanTags.Any(t => t.Length > MaxTagLength) || note?.Length > MaxNoteLength)
        {
            return new DeskRefusal(DeskCodes.InvalidResolution, $"At most {MaxTags} tags of {MaxTagLength} characters, and a note of at most {MaxNoteLength}.");
        }

        var owned = await OwnedAsync(agent, conversationId, ct);
        if (owned.Value is not { } record)
        {
            return owned.Refusal!;
        }

        var resolution = new HandoffResolution(resolved, cleanTags, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        return await EndAsync(agent, record.ConversationId, HandoffStage.Closed, resolution,
            new HandoffStatus(HandoffStates.Completed, agent.Name, HandoffStatus.Closed, resolved, null) { AgentId = agent.Id, Tags = cleanTags }, "closed", ct);
    }

    // The store's end is the atomic step: only the owner's succeeds; the bot then tells the customer.
    private async Task<DeskRefusal?> EndAsync(
        DeskAgent agent, string conversationId, HandoffStage stage, HandoffResolution? resolution, HandoffStatus status, string reason, CancellationToken ct)
    {
        if (await store.EndAsync(conversationId, agent.Id, stage, resolution, clock.GetUtcNow(), ct) is null)
        {
            return NotOwner;
        }

        await channel.DeliverToBotAsync(conversationId, status.ToActivity(), ct);
        await notifier.ChatEndedAsync(agent, conversationId, reason);
        queue.Raise();
        return null;
    }
}

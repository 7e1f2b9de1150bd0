using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Intents;
using SupportBot.Localization;
using SupportBot.Metrics;
using SupportBot.Schema;

namespace SupportBot.Handoff.Escalation;

/// <summary>
/// The bot's side of the hand-off: checks honestly whether anyone can take the chat, queues it with its context
/// (the Bot Framework <c>handoff.initiate</c> event with the transcript), tells the customer where they stand,
/// and routes the customer's messages to the agent who owns the conversation.
/// </summary>
public sealed class HandoffService(
    IHandoffStore store,
    AgentDirectory agents,
    IAgentNotifier notifier,
    IConversationLog log,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    SupportBotMetrics? metrics = null)
{
    /// <summary>The measured average time agents take over a chat, for wait estimates.</summary>
    public HandleTimes HandleTimes { get; } = new(store, options.Value, clock);

    private const int MaxTranscriptActivities = 500;

    public EscalationRules Rules { get; } = new(options.Value);

    public HandoffOptions Options => options.Value;

    /// <summary>
    /// Hands the conversation to a person if someone can take it: true when it is queued (or already was). When
    /// the desk is closed or nobody is free, says so and returns false; the caller then offers to leave a message.
    /// </summary>
    public async Task<bool> EscalateAsync(ITurnContext turn, EscalationRequest request, CancellationToken cancellationToken)
    {
        var (reason, intent, language) = (request.Reason, request.Intent, request.Language);
        var activity = turn.Activity;
        var conversationId = activity.Conversation!.Id!;
        var now = clock.GetUtcNow();
        if (!Options.BusinessHours.IsOpen(now))
        {
            request.Memory.UnavailableReason = reason;
            var hours = Options.BusinessHours.Describe(LocalFormats.Culture(language));
            await SayAsync(turn, request.Message(HandoffMessages.DeskClosed).Replace("{hours}", hours, StringComparison.Ordinal), language, cancellationToken);
            return false;
        }

        var known = intent is { IsOutOfScope: false } ? intent : null;
        var skill = Options.SkillFor(known?.Intent);
        var online = await agents.OnlineAsync(cancellationToken);
        var matching = online.Where(a => a.Status == AgentStatus.Available && a.Matches(language, skill)).ToList();
        if (matching.Count == 0 || (!matching.Any(a => a.HasRoom) && !Options.QueueWhenAgentsBusy))
        {
            request.Memory.UnavailableReason = reason;
            await SayAsync(turn, request.Message(HandoffMessages.NoAgents), language, cancellationToken);
            return false;
        }

        // Where the customer will stand is worked out before queueing, so the first announcement and the record agree.
        var waiting = await store.WaitingAsync(cancellationToken);
        var place = waiting.Count(w => w.Language == language && w.Skill == skill && w.Priority >= Options.PriorityFor(reason)) + 1;
        var record = new HandoffRecord
        {
            ConversationId = conversationId,
            Reason = reason,
            Intent = known?.Intent,
            Confidence = known?.Confidence ?? intent?.Confidence ?? 0,
            Language = language,
            Skill = skill,
            Priority = Options.PriorityFor(reason),
            Slots = new Dictionary<string, string>(request.Slots),
            UserId = activity.From?.Id ?? "",
            UserName = activity.From?.Name,
            Preview = activity.Text is { Length: > 0 } text ? text[..Math.Min(text.Length, 200)] : null,
            QueuedAt = now,
            Stage = HandoffStage.Queued,
            AnnouncedPosition = place,
        };

        if (!await store.EnqueueAsync(record, cancellationToken))
        {
            var current = await store.GetAsync(conversationId, cancellationToken);
            var position = current is { Stage: HandoffStage.Queued } ? QueueEstimate.Position(current, await store.WaitingAsync(cancellationToken)) : 1;
            await SayAsync(turn, Fill(request.Message(HandoffMessages.AlreadyQueued), position, 1), language, cancellationToken);
            return true;
        }

        metrics?.HandoffQueued(reason);
        await turn.SendActivityAsync(await InitiateEventAsync(activity, record, cancellationToken), cancellationToken);
        var minutes = QueueEstimate.Minutes(place, language, skill, online, await HandleTimes.AverageAsync(cancellationToken));
        await SayAsync(turn, Fill(request.Message(HandoffMessages.Queued), place, minutes), language, cancellationToken);
        await notifier.EscalatedAsync(record, cancellationToken);
        return true;
    }

    /// <summary>
    /// While an agent owns the conversation, the customer's message or typing goes to them and the bot stays out:
    /// returns the open hand-off (the caller then does not run the dialogs), or null when the bot should answer.
    /// </summary>
    public async Task<HandoffRecord?> RouteAsync(Activity activity, TurnPreload? preload, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        var record = preload is not null && store.TryTakePreloaded(preload, conversationId, out var preloaded)
            ? preloaded
            : await store.GetAsync(conversationId, cancellationToken);
        switch (record?.Stage)
        {
            case HandoffStage.Assigned:
                await notifier.CustomerActivityAsync(record, activity, cancellationToken);
                return record;
            case HandoffStage.Queued:
                // The message is already in the transcript the agent will read; the queue itself has not changed.
                return record;
            default:
                return null;
        }
    }

    public async Task<int> PositionAsync(HandoffRecord record, CancellationToken cancellationToken) =>
        QueueEstimate.Position(record, await store.WaitingAsync(cancellationToken));

    /// <summary>The customer is typing in a conversation an agent owns: the agent sees it.</summary>
    public async Task ForwardTypingAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(activity.Conversation!.Id!, cancellationToken) is { Stage: HandoffStage.Assigned } record)
        {
            await notifier.CustomerActivityAsync(record, activity, cancellationToken);
        }
    }

    /// <summary>The customer leaves the queue before an agent took the chat; false if an agent took it meanwhile.</summary>
    public async Task<bool> LeaveQueueAsync(string conversationId, CancellationToken cancellationToken)
    {
        var ended = await store.EndAsync(conversationId, null, HandoffStage.Abandoned, null, clock.GetUtcNow(), cancellationToken);
        if (ended is not null)
        {
            await notifier.QueueChangedAsync(cancellationToken);
        }

        return ended is not null;
    }

    public async Task SaveSurveyAsync(string conversationId, int rating, int? nps, string? comment, CancellationToken cancellationToken)
    {
        var survey = new SurveyResult(rating, comment, clock.GetUtcNow()) { Nps = nps };
        await store.SaveSurveyAsync(conversationId, survey, cancellationToken);
        if (await store.GetAsync(conversationId, cancellationToken) is { } record)
        {
            await notifier.SurveyReceivedAsync(record, survey, cancellationToken);
        }
    }

    public static string Fill(string text, int position, int minutes) => text
        .Replace("{position}", position.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{minutes}", minutes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The hand-off event the Bot Framework defines: the context as its value, the transcript as an attachment.</summary>
    private async Task<Activity> InitiateEventAsync(Activity turnActivity, HandoffRecord record, CancellationToken cancellationToken)
    {
        var logged = await log.ReadAsync(record.ConversationId, 0, MaxTranscriptActivities, cancellationToken);
        var transcript = new JsonArray([.. logged.Select(a => JsonNode.Parse(a.Json))]);
        var context = new JsonObject
        {
            ["reason"] = record.Reason,
            ["intent"] = record.Intent,
            ["confidence"] = record.Confidence,
            ["language"] = record.Language,
            ["skill"] = record.Skill,
            ["priority"] = record.Priority,
            ["slots"] = new JsonObject([.. record.Slots.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))]),
            ["customer"] = new JsonObject { ["id"] = record.UserId, ["name"] = record.UserName },
            ["queuedAt"] = record.QueuedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        return new Activity
        {
            Type = ActivityTypes.Event,
            Name = HandoffEventNames.InitiateHandoff,
            Value = JsonSerializer.SerializeToElement(context),
            ReplyToId = turnActivity.Id,
            Attachments = [new Attachment { ContentType = "application/json", Name = "Transcript", Content = JsonSerializer.SerializeToElement(new JsonObject { ["activities"] = transcript }) }],
        };
    }

    private static Task SayAsync(ITurnContext turn, string text, string language, CancellationToken cancellationToken) =>
        turn.SendActivityAsync(MessageFactory.Text(text, language), cancellationToken);
}

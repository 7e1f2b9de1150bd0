using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff.Escalation;
using SupportBot.Intents;
using SupportBot.Localization;
using SupportBot.Metrics;
using SupportBot.Schema;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Starts conversations and takes customers' activities into them, running the bot's turn for each: the activity
/// and its pending turn are stored together, then the conversation's pending turns run in order (see
/// <see cref="TurnQueue"/>), by this request if it gets the turn in time, else by whoever holds it or later by
/// <see cref="PendingTurnRecovery"/>.
/// </summary>
public sealed class ConversationService(
    IConversationLog log,
    DirectLineAdapter adapter,
    IBot bot,
    TurnQueue turns,
    IIntentClassifier classifier,
    DialogCatalogProvider dialogs,
    IOptions<BotOptions> botOptions,
    IOptions<ConversationOptions> conversationOptions,
    ILogger<ConversationService> logger,
    HandoffService? handoff = null,
    IChannelOutbox? outbox = null,
    SupportBotMetrics? metrics = null)
{
    private const string AgentDeskId = "supportbot-agent-desk";
    private const string AgentDeskName = "Agent desk";

    // The activities this process has appended and whose turns have yet to run here, by activity id, with what the
    // classifier made of them: the turn gets the object and the typed result rather than parsing the log's JSON and
    // the entity on it (which is for the log) again.
    private readonly ConcurrentDictionary<string, Incoming> _incoming = new(StringComparer.Ordinal);

    // Started is when this process took the activity in (a TimeProvider timestamp), what the turn is timed from.
    private sealed record Incoming(Activity Activity, IntentResult? Intent, long Started);

    public ChannelAccount BotAccount { get; } = new(botOptions.Value.Id, botOptions.Value.Name, RoleTypes.Bot);

    public Task<ConversationRecord?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        ActivityIds.IsWellFormed(conversationId) ? log.GetAsync(conversationId, cancellationToken) : Task.FromResult<ConversationRecord?>(null);

    /// <summary>Creates the conversation if it is new and greets the customer; starting twice is harmless.</summary>
    public async Task<ConversationRecord> StartAsync(ConversationRecord requested, string serviceUrl, CancellationToken cancellationToken)
    {
        if (!await log.CreateAsync(requested, cancellationToken))
        {
            return await log.GetAsync(requested.Id, cancellationToken) ?? throw new ConversationNotFoundException(requested.Id);
        }

        var user = new ChannelAccount(requested.UserId, requested.UserName, RoleTypes.User);
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = Channels.DirectLine,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount(requested.Id),
            From = user,
            Recipient = BotAccount,
            MembersAdded = [user, BotAccount],
            Locale = requested.Locale,
        };
        await TakeTurnAsync(update, Started(), cancellationToken);
        return requested;
    }

    /// <summary>
    /// Logs a customer's activity (the echo Web Chat waits for) and lets the bot answer it. Returns its id; a retry
    /// with the same <c>channelData.clientActivityID</c> returns the first one's. Once this returns, the activity is
    /// stored and its turn will run; an exception means it was not stored.
    /// </summary>
    public async Task<string> PostAsync(ConversationRecord conversation, Activity activity, string serviceUrl, CancellationToken cancellationToken)
    {
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount(conversation.Id);
        activity.From = new ChannelAccount(conversation.UserId, activity.From?.Name ?? conversation.UserName, RoleTypes.User)
        {
            Properties = activity.From?.Properties,
        };
        activity.Recipient = BotAccount;
        return (await TakeCustomerTurnAsync(activity, cancellationToken)).Id;
    }

    /// <summary>
    /// An activity from a channel that keeps its own conversations (the Bot Framework connector), already addressed
    /// to <paramref name="conversation"/>'s id: the conversation is created on its first activity without a greeting
    /// of ours (the channel sends its own conversationUpdate), then the turn runs as for Direct Line.
    /// </summary>
    public async Task<AppendedActivity> ReceiveAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        await log.CreateAsync(conversation, cancellationToken); // false once it exists, which is the usual case
        return await TakeCustomerTurnAsync(activity, cancellationToken);
    }

    private async Task<AppendedActivity> TakeCustomerTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        var started = Started();
        // What the message meant is stored with it, so agents and retraining later see what the bot understood.
        IntentEntity.Strip(activity);
        IntentResult? intent = null;
        if (activity.Type == ActivityTypes.Message && !string.IsNullOrWhiteSpace(activity.Text))
        {
            intent = classifier.Classify(activity.Text);
            IntentEntity.Attach(activity, intent);
        }

        if (activity.Type == ActivityTypes.Typing)
        {
            var typing = await log.AppendIncomingAsync(activity.Conversation!.Id!, activity, startsTurn: false, cancellationToken);
            if (handoff is not null && !typing.Duplicate)
            {
                await handoff.ForwardTypingAsync(activity, cancellationToken);
            }

            return typing;
        }

        return await TakeTurnAsync(activity, started, cancellationToken, intent);
    }

    /// <summary>
    /// An activity from the agent desk to the bot (a <c>handoff.status</c> event): logged in the conversation and
    /// answered by the bot, like the Bot Framework's hub-to-bot events.
    /// </summary>
    public async Task DeliverToBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await log.GetAsync(conversationId, cancellationToken) ?? throw new ConversationNotFoundException(conversationId);
        activity.ChannelId = ChannelConversationIds.ChannelOf(conversationId);
        activity.Conversation = new ConversationAccount(conversationId);
        activity.From ??= new ChannelAccount(AgentDeskId, AgentDeskName);
        activity.Recipient = BotAccount;
        activity.Locale ??= conversation.Locale;
        await TakeTurnAsync(activity, Started(), cancellationToken);
    }

    /// <summary>
    /// Runs the conversation's pending turns if no other turn holds it (waiting at most <paramref name="wait"/>):
    /// what the recovery worker calls for turns whose process died or lost Redis. False if they stay pending.
    /// </summary>
    public Task<bool> RunPendingAsync(string conversationId, TimeSpan wait, CancellationToken cancellationToken) =>
        RunPendingAsync(conversationId, wait, after: null, cancellationToken);

    private Task<bool> RunPendingAsync(string conversationId, TimeSpan wait, Task? after, CancellationToken cancellationToken) =>
        turns.RunPendingAsync(
            conversationId,
            wait,
            RunTurnAsync,
            cancellationToken,
            after,
            id => _incoming.TryGetValue(id, out var mine) ? mine.Activity : null);

    private async Task RunTurnAsync(Activity activity, TurnPreload? preload)
    {
        var mine = activity.Id is { } id && _incoming.TryRemove(id, out var taken) ? taken : null;
        await adapter.ProcessActivityAsync(activity, bot, CancellationToken.None, mine?.Intent, preload);
        if (mine is not null)
        {
            metrics?.TurnEnded(mine.Started);
        }
        else
        {
            metrics?.TurnEnded(activity.Timestamp);
        }
    }

    private long Started() => metrics?.TurnStarting() ?? 0;

    /// <summary>Appends what a person (an agent) or the bot outside a turn says to the customer; the bot does not run.</summary>
    public async Task<AppendedActivity> SendToCustomerAsync(string conversationId, ChannelAccount sender, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await log.GetAsync(conversationId, cancellationToken) ?? throw new ConversationNotFoundException(conversationId);
        activity.ChannelId = ChannelConversationIds.ChannelOf(conversationId);
        activity.Conversation = new ConversationAccount(conversationId);
        activity.From = sender;
        activity.Recipient = new ChannelAccount(conversation.UserId, conversation.UserName, RoleTypes.User);
        var logged = await log.AppendAsync(conversationId, activity, cancellationToken);
        outbox?.Enqueue(conversationId, activity);
        return logged;
    }

    private async Task<AppendedActivity> TakeTurnAsync(Activity activity, long started, CancellationToken cancellationToken, IntentResult? intent = null)
    {
        var conversationId = activity.Conversation!.Id!;
        var appending = AppendAsync();

        // The turn lock is asked for right behind the append, in the same write to the store, rather than a round
        // trip later; the turns run only once the append is done (see TurnQueue), so this one is among them.
        // From here nothing may fail the request but the append: the activity is stored and its turn pending once
        // it returns. The client going away does not cancel the wait either, since its message is answered all the same.
        var running = RunPendingAsync(conversationId, conversationOptions.Value.TurnLockWait, appending, CancellationToken.None);
        AppendedActivity appended;
        try
        {
            appended = await appending;
        }
        catch
        {
            _ = running.ContinueWith(static t => t.Exception, TaskScheduler.Default); // it ran whatever else was pending
            throw;
        }

        bool ran;
        try
        {
            ran = await running;
        }
        catch (Exception e)
        {
            // The message is stored and its turn still pending (TurnQueue marks a turn done only once it ran), so the
            // request succeeded: the next message or the recovery worker runs the turn. A 500 here would tell the
            // customer a message failed that will be answered, and invite a resend.
            logger.LogError(e, "The turns of conversation {ConversationId} could not run after {ActivityId} was stored; they stay pending", conversationId, appended.Id);
            ran = false;
        }
        finally
        {
            _incoming.TryRemove(appended.Id, out _); // a turn left pending reads the log and the entity when it runs
        }

        if (!ran && !appended.Duplicate)
        {
            await TellDelayedAsync(activity, appended);
        }

        return appended;

        async Task<AppendedActivity> AppendAsync()
        {
            var stored = await log.AppendIncomingAsync(conversationId, activity, startsTurn: true, cancellationToken);
            if (!stored.Duplicate)
            {
                _incoming[stored.Id] = new Incoming(activity, intent, started);
            }

            return stored;
        }
    }

    /// <summary>The turn could not run within the wait: the customer hears it is coming rather than nothing.</summary>
    private async Task TellDelayedAsync(Activity activity, AppendedActivity appended)
    {
        if (activity.Type != ActivityTypes.Message || activity.From?.Role != RoleTypes.User)
        {
            return;
        }

        try
        {
            if (await turns.IsAnsweredAsync(new LoggedActivity(activity.Conversation!.Id!, appended.Sequence, "")))
            {
                return;
            }

            var text = dialogs.Current.Message(MessageKeys.Delayed, Languages.FromLocale(activity.Locale));
            // Not a reply (no replyToId): the turn still has to answer, and recovery looks for that answer.
            await SendToCustomerAsync(activity.Conversation!.Id!, BotAccount, MessageFactory.Text(text, activity.Locale), CancellationToken.None);
            logger.LogInformation("Told the customer of conversation {ConversationId} that the answer to {ActivityId} is delayed", activity.Conversation.Id, appended.Id);
        }
        catch (Exception e) when (StoreFailures.IsTransient(e))
        {
            logger.LogWarning(e, "Could not tell the customer of conversation {ConversationId} of a delay", activity.Conversation?.Id);
        }
    }
}

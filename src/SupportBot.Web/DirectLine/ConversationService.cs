using Microsoft.Extensions.Options;
using SupportBot.Bot;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Web.DirectLine;

/// <summary>Starts conversations and takes customers' activities into them, running the bot's turn for each.</summary>
public sealed class ConversationService(
    IConversationLog log,
    DirectLineAdapter adapter,
    IBot bot,
    ITurnLock locks,
    IIntentClassifier classifier,
    IOptions<BotOptions> botOptions,
    HandoffService? handoff = null)
{
    private const string AgentDeskId = "supportbot-agent-desk";
    private const string AgentDeskName = "Agent desk";

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
        await TakeTurnAsync(update, runBot: true, cancellationToken);
        return requested;
    }

    /// <summary>Logs a customer's activity (the echo Web Chat waits for) and lets the bot answer it. Returns its id.</summary>
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

        // What the message meant is stored with it, so agents and retraining later see what the bot understood.
        IntentEntity.Strip(activity);
        if (activity.Type == ActivityTypes.Message && !string.IsNullOrWhiteSpace(activity.Text))
        {
            IntentEntity.Attach(activity, classifier.Classify(activity.Text));
        }

        await TakeTurnAsync(activity, runBot: activity.Type != ActivityTypes.Typing, cancellationToken);
        if (activity.Type == ActivityTypes.Typing && handoff is not null)
        {
            await handoff.ForwardTypingAsync(activity, cancellationToken);
        }

        return activity.Id!;
    }

    /// <summary>
    /// An activity from the agent desk to the bot (a <c>handoff.status</c> event): logged in the conversation and
    /// answered by the bot, like the Bot Framework's hub-to-bot events.
    /// </summary>
    public async Task DeliverToBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await log.GetAsync(conversationId, cancellationToken) ?? throw new ConversationNotFoundException(conversationId);
        activity.ChannelId = Channels.DirectLine;
        activity.Conversation = new ConversationAccount(conversationId);
        activity.From ??= new ChannelAccount(AgentDeskId, AgentDeskName);
        activity.Recipient = BotAccount;
        activity.Locale ??= conversation.Locale;
        await TakeTurnAsync(activity, runBot: true, cancellationToken);
    }

    /// <summary>Appends what a person (an agent) or the bot outside a turn says to the customer; the bot does not run.</summary>
    public async Task<LoggedActivity> SendToCustomerAsync(string conversationId, ChannelAccount sender, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await log.GetAsync(conversationId, cancellationToken) ?? throw new ConversationNotFoundException(conversationId);
        activity.ChannelId = Channels.DirectLine;
        activity.Conversation = new ConversationAccount(conversationId);
        activity.From = sender;
        activity.Recipient = new ChannelAccount(conversation.UserId, conversation.UserName, RoleTypes.User);
        return await log.AppendAsync(conversationId, activity, cancellationToken);
    }

    private async Task TakeTurnAsync(Activity activity, bool runBot, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        IAsyncDisposable turnLock;
        try
        {
            turnLock = await locks.AcquireAsync(conversationId, cancellationToken);
        }
        catch (TurnLockTimeoutException timeout)
        {
            // The bot never runs unlocked: the activity is kept and the turn fails as a collision does.
            await log.AppendAsync(conversationId, activity, cancellationToken);
            if (runBot)
            {
                await adapter.FailTurnAsync(activity, timeout);
            }

            return;
        }

        // The customer's request is not the turn's owner: once the activity is logged the turn must finish,
        // or the customer would wait for an answer that never comes.
        await using (turnLock)
        {
            await log.AppendAsync(conversationId, activity, cancellationToken);
            if (runBot)
            {
                await adapter.ProcessActivityAsync(activity, bot, CancellationToken.None);
            }
        }
    }
}

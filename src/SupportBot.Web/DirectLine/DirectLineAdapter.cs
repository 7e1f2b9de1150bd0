using System.Runtime.ExceptionServices;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Intents;
using SupportBot.Localization;
using SupportBot.Schema;
using SupportBot.State;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// The adapter between the Direct Line channel and the bot: runs the middleware and the bot for an incoming
/// activity and appends whatever the bot sends to the conversation's log, from which every stream reads.
/// </summary>
public sealed class DirectLineAdapter : BotAdapter
{
    private readonly IConversationLog _log;
    private readonly IChannelOutbox? _outbox;

    public DirectLineAdapter(
        IConversationLog log,
        IEnumerable<SupportBot.Builder.IMiddleware> middleware,
        DialogCatalogProvider dialogs,
        ConversationState conversationState,
        ILogger<DirectLineAdapter> logger,
        IChannelOutbox? outbox = null)
    {
        _log = log;
        _outbox = outbox;
        foreach (var item in middleware)
        {
            Use(item);
        }

        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            if (StoreFailures.IsTransient(exception))
            {
                // Redis went away mid-turn: the turn stays pending and runs again once it is back (TurnQueue),
                // so there is nothing to apologise for, and nothing could be said anyway.
                ExceptionDispatchInfo.Throw(exception);
            }

            // Another turn of the conversation wrote the state first (possible only once a turn outlived its lease):
            // the dialog is not broken, so its state stays and a customer's message is simply sent again.
            var collided = exception is ETagConflictException;
            if (collided)
            {
                logger.LogWarning(exception, "Turn collided with another in conversation {ConversationId} on activity {ActivityId}; the state is kept", activity.Conversation?.Id, activity.Id);
            }
            else
            {
                logger.LogError(exception, "Turn failed in conversation {ConversationId} on activity {ActivityId}", activity.Conversation?.Id, activity.Id);
            }

            try
            {
                if (!collided)
                {
                    // A dialog that threw would throw again on the next message: start the conversation's state afresh.
                    await conversationState.DeleteAsync(turnContext);
                }
                else if (activity.Type != ActivityTypes.Message)
                {
                    return; // nothing the customer could send again
                }

                var text = dialogs.Current.Message(collided ? MessageKeys.SendAgain : MessageKeys.Apology, Languages.FromLocale(activity.Locale));
                await turnContext.SendActivityAsync(MessageFactory.Text(text, activity.Locale));
            }
            catch (Exception followUp)
            {
                logger.LogError(followUp, "Could not apologise in conversation {ConversationId}", activity.Conversation?.Id);
            }
        };
    }

    /// <param name="intent">What the classifier made of the message when this process received it; null for a turn
    /// recovered from the log, whose dialogs then read the intent entity stored with it.</param>
    /// <param name="preload">What the store read for the turn as it handed it out: the state and hand-off record's
    /// first reads take it instead of going to the store.</param>
    public Task ProcessActivityAsync(Activity activity, IBot bot, CancellationToken cancellationToken, IntentResult? intent = null, TurnPreload? preload = null)
    {
        var turnContext = new TurnContext(this, activity);
        if (intent is not null)
        {
            TurnIntent.Set(turnContext, intent);
        }

        if (preload is not null)
        {
            turnContext.TurnState[TurnPreload.TurnStateKey] = preload;
        }

        return RunPipelineAsync(turnContext, bot.OnTurnAsync, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(
        ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("An outgoing activity has no conversation.");
            var appended = await _log.AppendAsync(conversationId, activity, cancellationToken);

            // A turn that asked for its replies in the HTTP answer (expectReplies) reads them from the log instead.
            if (turnContext.Activity.DeliveryMode != DeliveryModes.ExpectReplies)
            {
                _outbox?.Enqueue(conversationId, activity);
            }

            responses[i] = new ResourceResponse(appended.Id);
        }

        return responses;
    }
}

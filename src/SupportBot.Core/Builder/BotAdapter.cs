using SupportBot.Schema;

namespace SupportBot.Builder;

/// <summary>
/// Connects the bot to a channel: runs the middleware pipeline and the bot for each incoming activity and
/// delivers what the bot sends. Shaped like Microsoft.Bot.Builder's BotAdapter so that the real SDK's adapter
/// could replace ours without touching the bot.
/// </summary>
public abstract class BotAdapter
{
    protected MiddlewareSet MiddlewareSet { get; } = new();

    /// <summary>Called when a turn throws. The adapter's owner decides what the customer sees.</summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    public BotAdapter Use(IMiddleware middleware)
    {
        MiddlewareSet.Use(middleware);
        return this;
    }

    public abstract Task<ResourceResponse[]> SendActivitiesAsync(
        ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await MiddlewareSet.ReceiveActivityWithStatusAsync(turnContext, callback, cancellationToken);
        }
        catch (Exception ex) when (OnTurnError is not null && ex is not OperationCanceledException)
        {
            await OnTurnError(turnContext, ex);
        }
    }
}

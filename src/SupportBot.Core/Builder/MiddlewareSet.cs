namespace SupportBot.Builder;

/// <summary>Runs middleware in the order added, then the bot's callback.</summary>
public sealed class MiddlewareSet
{
    private readonly List<IMiddleware> _middleware = [];

    public IReadOnlyList<IMiddleware> Items => _middleware;

    public MiddlewareSet Use(IMiddleware middleware)
    {
        _middleware.Add(middleware);
        return this;
    }

    public Task ReceiveActivityWithStatusAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        RunFrom(0, turnContext, callback, cancellationToken);

    private Task RunFrom(int index, ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        if (index == _middleware.Count)
        {
            return callback(turnContext, cancellationToken);
        }

        return _middleware[index].OnTurnAsync(
            turnContext,
            ct => RunFrom(index + 1, turnContext, callback, ct),
            cancellationToken);
    }
}

namespace SupportBot.Builder;

/// <summary>A step that runs around every turn, before the bot (logging, state, classification...).</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default);
}

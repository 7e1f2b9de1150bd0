using SupportBot.Builder;

namespace SupportBot.State;

/// <summary>Saves the given states at the end of every turn that completes without an exception.</summary>
public sealed class AutoSaveStateMiddleware(params BotState[] states) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        await next(cancellationToken);
        foreach (var state in states)
        {
            await state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        }
    }
}

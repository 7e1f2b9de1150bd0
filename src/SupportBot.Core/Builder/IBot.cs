namespace SupportBot.Builder;

/// <summary>The bot's logic: called once for every incoming activity, as in the Bot Framework SDK.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

using SupportBot.Schema;

namespace SupportBot.Builder;

/// <summary>One turn of a conversation: the incoming activity and the means to answer it.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }

    Activity Activity { get; }

    /// <summary>Per-turn values shared between middleware and the bot (state caches, the classifier's result...).</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>True once the bot has sent a message during this turn.</summary>
    bool Responded { get; }

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    ITurnContext OnSendActivities(SendActivitiesHandler handler);
}

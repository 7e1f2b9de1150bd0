namespace SupportBot.Builder;

public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);

public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>Runs before outgoing activities are delivered; middleware may inspect or change them.</summary>
public delegate Task<ResourceResponse[]> SendActivitiesHandler(
    ITurnContext turnContext, List<Schema.Activity> activities, Func<Task<ResourceResponse[]>> next);

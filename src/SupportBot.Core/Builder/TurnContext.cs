using SupportBot.Schema;

namespace SupportBot.Builder;

public sealed class TurnContext(BotAdapter adapter, Activity activity) : ITurnContext
{
    private readonly List<SendActivitiesHandler> _onSend = [];

    public BotAdapter Adapter { get; } = adapter;

    public Activity Activity { get; } = activity;

    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>();

    public bool Responded { get; private set; }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(MessageFactory.Text(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken);
        return responses[0];
    }

    public Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        var outgoing = activities.Select(ApplyConversationReference).ToList();

        Task<ResourceResponse[]> Deliver()
        {
            if (outgoing.Any(a => a.Type == ActivityTypes.Message))
            {
                Responded = true;
            }

            return Adapter.SendActivitiesAsync(this, outgoing, cancellationToken);
        }

        // Handlers run in registration order; each decides whether to call the next one.
        Func<Task<ResourceResponse[]>> pipeline = Deliver;
        for (var i = _onSend.Count - 1; i >= 0; i--)
        {
            var handler = _onSend[i];
            var next = pipeline;
            pipeline = () => handler(this, outgoing, next);
        }

        return pipeline();
    }

    public ITurnContext OnSendActivities(SendActivitiesHandler handler)
    {
        _onSend.Add(handler);
        return this;
    }

    /// <summary>Addresses an outgoing activity to this turn's conversation, as the SDK's ApplyConversationReference does.</summary>
    private Activity ApplyConversationReference(Activity outgoing)
    {
        outgoing.ChannelId ??= Activity.ChannelId;
        outgoing.ServiceUrl ??= Activity.ServiceUrl;
        outgoing.Conversation ??= Activity.Conversation;
        outgoing.From ??= Activity.Recipient;
        outgoing.Recipient ??= Activity.From;
        outgoing.Locale ??= Activity.Locale;
        if (outgoing.Type != ActivityTypes.Typing)
        {
            outgoing.ReplyToId ??= Activity.Id;
        }

        return outgoing;
    }
}

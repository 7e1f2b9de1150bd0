using SupportBot.Builder;
using SupportBot.Schema;

namespace SupportBot.Tests.Builder;

/// <summary>An adapter that keeps what the bot sends in a list, as the SDK's TestAdapter does.</summary>
public sealed class TestAdapter : BotAdapter
{
    public List<Activity> Sent { get; } = [];

    public static Activity Message(string text, string locale = "en-US") => new()
    {
        Type = ActivityTypes.Message,
        Id = "conv-1|0000001",
        Text = text,
        Locale = locale,
        ChannelId = Channels.Test,
        Conversation = new ConversationAccount("conv-1"),
        From = new ChannelAccount("user-1", "Ada", RoleTypes.User),
        Recipient = new ChannelAccount("bot", "Bot", RoleTypes.Bot),
    };

    public Task ProcessAsync(Activity activity, IBot bot, CancellationToken cancellationToken = default) =>
        RunPipelineAsync(new TurnContext(this, activity), bot.OnTurnAsync, cancellationToken);

    public Task ProcessAsync(Activity activity, BotCallbackHandler callback) =>
        RunPipelineAsync(new TurnContext(this, activity), callback, CancellationToken.None);

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        Sent.AddRange(activities);
        return Task.FromResult(activities.Select((_, i) => new ResourceResponse($"sent-{Sent.Count - activities.Count + i}")).ToArray());
    }
}

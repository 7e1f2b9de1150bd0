using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Insights.Archive;
using SupportBot.Intents;
using SupportBot.Orders;
using SupportBot.Schema;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>Conversations played into a real memory log, as the bot, the desk and the customer append them, then snapshot for the archive.</summary>
internal sealed class ArchiveScenes(FakeTimeProvider clock)
{
    public MemoryConversationLog Log { get; } = new(clock);

    public ConversationSnapshots Snapshots { get; } = new(new OrderNumbers(Options.Create(new OrderOptions())));

    public FakeTimeProvider Clock => clock;

    public async Task<string> StartAsync(string user, string? name = null, string? id = null)
    {
        id ??= Guid.NewGuid().ToString("N");
        await Log.CreateAsync(new ConversationRecord(id, user, name, "en-US", clock.GetUtcNow()));
        return id;
    }

    public Task CustomerAsync(string id, string text, string intent = "order_status", float confidence = 0.9f, bool ambiguous = false, string language = "en")
    {
        var activity = Activity(ActivityTypes.Message, new ChannelAccount("user-of-" + id, null, RoleTypes.User));
        activity.Text = text;
        IntentEntity.Attach(activity, new IntentResult(intent, confidence, ambiguous, language, [], "test-model"));
        return AppendAsync(id, activity);
    }

    public Task BotAsync(string id, string text)
    {
        var activity = Activity(ActivityTypes.Message, new ChannelAccount("bot", "SupportBot", RoleTypes.Bot));
        activity.Text = text;
        return AppendAsync(id, activity);
    }

    public Task AgentAsync(string id, string agentId, string text)
    {
        var activity = Activity(ActivityTypes.Message, new ChannelAccount("agent:" + agentId, agentId));
        activity.Text = text;
        return AppendAsync(id, activity);
    }

    public Task InitiateAsync(string id, string reason, string? intent = "order_status") =>
        EventAsync(id, HandoffEventNames.InitiateHandoff, new { reason, intent, language = "en", skill = "orders" });

    public Task StatusAsync(string id, HandoffStatus status)
    {
        var activity = status.ToActivity();
        activity.From = new ChannelAccount("supportbot-agent-desk", "Agent desk");
        return AppendAsync(id, activity);
    }

    public Task SurveyAsync(string id, int rating, string? comment = null) => EventAsync(id, DialogValues.SurveyEvent, new { rating, comment });

    public Task FeedbackAsync(string id, string intent, bool helped) => EventAsync(id, DialogValues.FeedbackEvent, new { utteranceId = id + "|0000001", intent, helped });

    public Task EventAsync(string id, string name, object value)
    {
        var activity = Activity(ActivityTypes.Event, new ChannelAccount("bot", "SupportBot", RoleTypes.Bot));
        activity.Name = name;
        activity.Value = JsonSerializer.SerializeToElement(value);
        return AppendAsync(id, activity);
    }

    public async Task<ConversationSnapshot> SnapshotAsync(string id)
    {
        var record = (await Log.GetAsync(id))!;
        return Snapshots.From(record, await ((IConversationLog)Log).ReadUtf8Async(id, 0, 10_000));
    }

    private async Task AppendAsync(string id, Activity activity)
    {
        clock.Advance(TimeSpan.FromSeconds(10));
        activity.Conversation = new ConversationAccount(id);
        await Log.AppendAsync(id, activity);
    }

    private static Activity Activity(string type, ChannelAccount from) => new() { Type = type, ChannelId = Channels.DirectLine, From = from };
}

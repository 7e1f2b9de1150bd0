using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Conversations;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// Takes a channel's activity into the same conversations, bot and hand-off as Direct Line's, under an id of its
/// channel and conversation, and keeps the conversation's reference so replies and agents can reach it later.
/// </summary>
public sealed class BotFrameworkConversations(
    ConversationService conversations, IConversationReferences references, IConversationLog log, TimeProvider clock)
{
    private const int MaxExpectedReplies = 100;

    /// <summary>Runs the activity's turn; for <c>expectReplies</c> returns the bot's replies as the channel must see them, else null.</summary>
    public async Task<IReadOnlyList<Activity>?> ReceiveAsync(Activity activity, bool authenticated, CancellationToken cancellationToken)
    {
        var id = ChannelConversationIds.For(activity.ChannelId!, activity.Conversation!.Id!);
        var user = activity.From!;
        var bot = activity.Recipient ?? conversations.BotAccount;
        var reference = new ConversationReference(
            activity.ChannelId!, activity.ServiceUrl!, activity.Conversation, bot, user, activity.Id, activity.Locale, authenticated);
        await references.SaveAsync(id, reference, cancellationToken);

        if (activity.ChannelId == Channels.MsTeams)
        {
            ChannelActivities.StripBotMention(activity);
        }

        if (activity.Id is { Length: > 0 } channelActivityId)
        {
            // A channel retries a POST it got no answer to with the same activity id: that id is the idempotency key
            // Direct Line's clientActivityID is, so the log takes the retry for the first and runs no second turn.
            activity.ChannelData = WithClientActivityId(activity.ChannelData, channelActivityId);
        }

        activity.Conversation = new ConversationAccount(id);
        activity.From = new ChannelAccount(user.Id!, user.Name, RoleTypes.User) { Properties = user.Properties };
        activity.Recipient = new ChannelAccount(bot.Id!, bot.Name ?? conversations.BotAccount.Name, RoleTypes.Bot);
        var record = new ConversationRecord(id, user.Id!, user.Name, activity.Locale, clock.GetUtcNow());
        var appended = await conversations.ReceiveAsync(record, activity, cancellationToken);
        if (activity.DeliveryMode != DeliveryModes.ExpectReplies)
        {
            return null;
        }

        var after = await log.ReadAsync(id, appended.Sequence, MaxExpectedReplies, cancellationToken);
        return [.. after
            .Select(a => JsonSerializer.Deserialize(a.Json, SchemaJson.Wire.Activity)!)
            .Where(a => a.ReplyToId == appended.Id)
            .Select(a => ChannelActivities.ForChannel(a, reference))];
    }

    /// <summary>The channel's data with <c>clientActivityID</c> set; data that is not an object is left as it is.</summary>
    private static JsonElement? WithClientActivityId(JsonElement? channelData, string id)
    {
        if (channelData is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            return channelData;
        }

        var data = channelData is { ValueKind: JsonValueKind.Object } given ? JsonObject.Create(given)! : new JsonObject();
        data[ChannelDataNames.ClientActivityId] = id;
        return JsonElement.Parse(data.ToJsonString());
    }
}

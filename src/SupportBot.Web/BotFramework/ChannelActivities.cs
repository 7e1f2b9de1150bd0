using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SupportBot.Conversations;
using SupportBot.Schema;

namespace SupportBot.Web.BotFramework;

/// <summary>What changes in an activity between a channel's wire and this bot's log, both ways.</summary>
public static class ChannelActivities
{
    private const string MentionType = "mention";
    private const string HeroCard = "application/vnd.microsoft.card.hero";

    // Channels that show no suggested actions (Teams shows them only in some chats): the bot's choices become buttons.
    private static readonly HashSet<string> WithoutSuggestedActions = [Channels.MsTeams];

    /// <summary>
    /// Takes the bot's @mention out of a message's text (Teams puts "&lt;at&gt;SupportBot&lt;/at&gt;" in it), so the
    /// classifier reads what the customer asked.
    /// </summary>
    public static void StripBotMention(Activity activity)
    {
        if (activity.Text is null || activity.Recipient?.Id is not { } botId)
        {
            return;
        }

        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Type != MentionType || entity.Properties is not { } properties
                || !properties.TryGetValue("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object
                || !mentioned.TryGetProperty("id", out var id) || id.GetString() != botId)
            {
                continue;
            }

            var mentionText = properties.TryGetValue("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            if (!string.IsNullOrEmpty(mentionText))
            {
                activity.Text = activity.Text.Replace(mentionText, "", StringComparison.OrdinalIgnoreCase);
            }
        }

        activity.Text = activity.Text.Trim();
    }

    /// <summary>A logged activity as the channel must receive it: its own conversation, accounts and reply target.</summary>
    public static Activity ForChannel(Activity logged, ConversationReference reference)
    {
        var json = JsonSerializer.Serialize(logged, SchemaJson.Wire.Activity);
        var outgoing = JsonSerializer.Deserialize(json, SchemaJson.Wire.Activity)!;
        outgoing.Id = null;
        outgoing.ChannelId = reference.ChannelId;
        outgoing.ServiceUrl = reference.ServiceUrl;
        outgoing.Conversation = reference.Conversation;
        outgoing.Recipient = reference.User;
        outgoing.From = new ChannelAccount(reference.Bot.Id!, logged.From?.Name ?? reference.Bot.Name, RoleTypes.Bot);
        outgoing.ReplyToId = logged.ReplyToId is null ? null : reference.ActivityId;
        outgoing.Entities = outgoing.Entities?.Where(e => e.Type != SupportBot.Intents.IntentEntity.Type).ToList() is { Count: > 0 } kept ? kept : null;
        if (outgoing.SuggestedActions is { Actions.Count: > 0 } suggested && WithoutSuggestedActions.Contains(reference.ChannelId))
        {
            outgoing.Attachments = [.. outgoing.Attachments ?? [], ButtonsCard(suggested)];
            outgoing.SuggestedActions = null;
        }

        return outgoing;
    }

    private static Attachment ButtonsCard(SuggestedActions suggested)
    {
        var actionInfo = (JsonTypeInfo<CardAction>)SchemaJson.Wire.GetTypeInfo(typeof(CardAction))!;
        var content = new JsonObject { ["buttons"] = new JsonArray([.. suggested.Actions.Select(a => JsonSerializer.SerializeToNode(a, actionInfo))]) };
        return new Attachment { ContentType = HeroCard, Content = JsonElement.Parse(content.ToJsonString()) };
    }
}

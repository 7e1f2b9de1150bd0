using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.BareTurn;

/// <summary>
/// Builds the activities of a turn as JSON split around the sequence number, which only the append script knows:
/// head is <c>{"id":"CONVERSATION|</c> and tail the rest, so the stored and streamed activity carries its id.
/// </summary>
public static class BareActivities
{
    public const string BotId = "bare-bot";
    private const string ChannelId = "directline";
    private const string MessageType = "message";
    private const string BotRole = "bot";
    private const string UserRole = "user";

    /// <summary>The id of the activity with this sequence, as the script writes it.</summary>
    public static string Id(string conversationId, long sequence) => $"{conversationId}|{sequence:D7}";

    /// <summary>The customer's activity: what was posted, with the server's fields set. Null when it is not a JSON object.</summary>
    public static (string Head, string Tail, string? Text)? FromCustomer(string conversationId, JsonNode? posted, DateTimeOffset now)
    {
        if (posted is not JsonObject activity)
        {
            return null;
        }

        activity.Remove("id");
        activity["timestamp"] = now;
        activity["channelId"] = ChannelId;
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        if (activity["from"] is JsonObject from)
        {
            from["role"] = UserRole;
        }

        var text = activity["text"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        return (Head(conversationId), Tail(activity.ToJsonString()), text);
    }

    /// <summary>The bot's echo of the customer's text, a reply to the customer's activity.</summary>
    public static (string Head, string Tail) Echo(string conversationId, string replyToId, string? text, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", MessageType);
            json.WriteString("timestamp", now);
            json.WriteString("channelId", ChannelId);
            json.WriteStartObject("from");
            json.WriteString("id", BotId);
            json.WriteString("role", BotRole);
            json.WriteEndObject();
            json.WriteStartObject("conversation");
            json.WriteString("id", conversationId);
            json.WriteEndObject();
            json.WriteString("replyToId", replyToId);
            json.WriteString("text", $"You said: {text}");
            json.WriteEndObject();
        }

        return (Head(conversationId), Tail(Encoding.UTF8.GetString(buffer.WrittenSpan)));
    }

    // Conversation ids are hex (see BareApi), so they need no JSON escaping.
    private static string Head(string conversationId) => $"{{\"id\":\"{conversationId}|";

    private static string Tail(string objectJson) => objectJson == "{}" ? "\"}" : "\"," + objectJson[1..];
}

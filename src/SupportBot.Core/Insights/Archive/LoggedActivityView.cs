using System.Globalization;
using System.Text.Json;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The part of a logged activity the archive reads. Everything else (suggested actions, channel data, recipient,
/// attachments, unknown properties) is skipped rather than built: in a profile of the archive worker nine tenths of
/// its snapshot time was reading whole activities, most of it building the suggested actions' and channel data's JSON
/// values. Entities are read as the intent entity's five fields, not as <see cref="Entity"/>'s extension data, whose
/// every property is a JsonElement with a document of its own.
/// </summary>
/// <remarks>
/// Read with a <see cref="Utf8JsonReader"/> over the logged bytes rather than through the serializer: the worker reads
/// every activity of every conversation, and the serializer's frames for the nested objects, the timestamp's string and
/// the view's account's extension data were a fifth of what the worker allocated (2026-12-07, docs/performance.md).
/// The names are the ones <see cref="SchemaJson"/> writes (camelCase, matched exactly); a value of the wrong kind is a
/// <see cref="JsonException"/>, as the serializer made it.
/// </remarks>
internal sealed class LoggedActivityView
{
    public string? Id { get; private set; }

    public DateTimeOffset? Timestamp { get; private set; }

    public string? Type { get; private set; }

    public string? Name { get; private set; }

    public string? ChannelId { get; private set; }

    public ChannelAccount? From { get; private set; }

    public string? Text { get; private set; }

    public string? ReplyToId { get; private set; }

    public JsonElement? Value { get; private set; }

    public List<EntityView>? Entities { get; private set; }

    /// <summary>The intent entity the bot put on a customer's message, or null.</summary>
    public EntityView? Intent => Entities?.Find(e => e.Type == IntentEntity.Type);

    /// <summary>The view of one logged activity; null for the JSON <c>null</c>.</summary>
    public static LoggedActivityView? Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var view = new LoggedActivityView();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { reader.Read(); view.Id = String(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { reader.Read(); view.Timestamp = Time(ref reader); }
            else if (reader.ValueTextEquals("type"u8)) { reader.Read(); view.Type = String(ref reader); }
            else if (reader.ValueTextEquals("name"u8)) { reader.Read(); view.Name = String(ref reader); }
            else if (reader.ValueTextEquals("channelId"u8)) { reader.Read(); view.ChannelId = String(ref reader); }
            else if (reader.ValueTextEquals("from"u8)) { reader.Read(); view.From = Account(ref reader); }
            else if (reader.ValueTextEquals("text"u8)) { reader.Read(); view.Text = String(ref reader); }
            else if (reader.ValueTextEquals("replyToId"u8)) { reader.Read(); view.ReplyToId = String(ref reader); }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                view.Value = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
            }
            else if (reader.ValueTextEquals("entities"u8)) { reader.Read(); view.Entities = EntityList(ref reader); }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        Expect(ref reader, JsonTokenType.EndObject);
        if (reader.Read())
        {
            throw Unexpected(ref reader, "the end"); // (the reader itself refuses most trailing text first)
        }

        return view;
    }

    /// <summary>The fields read, as an activity (without its entities: <see cref="Intent"/> has what the archive keeps).</summary>
    public Activity ToActivity() => new()
    {
        Id = Id,
        Timestamp = Timestamp,
        Type = Type,
        Name = Name,
        ChannelId = ChannelId,
        From = From,
        Text = Text,
        ReplyToId = ReplyToId,
        Value = Value,
    };

    private static ChannelAccount? Account(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var account = new ChannelAccount();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { reader.Read(); account.Id = String(ref reader); }
            else if (reader.ValueTextEquals("name"u8)) { reader.Read(); account.Name = String(ref reader); }
            else if (reader.ValueTextEquals("role"u8)) { reader.Read(); account.Role = String(ref reader); }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return account;
    }

    private static List<EntityView>? EntityList(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        var entities = new List<EntityView>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue; // nothing to read (the serializer kept it, and the intent lookup then failed on it)
            }

            Expect(ref reader, JsonTokenType.StartObject);
            var entity = new EntityView();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8)) { reader.Read(); entity.Type = String(ref reader); }
                else if (reader.ValueTextEquals("intent"u8)) { reader.Read(); entity.Intent = String(ref reader); }
                else if (reader.ValueTextEquals("confidence"u8)) { reader.Read(); entity.Confidence = Number(ref reader); }
                else if (reader.ValueTextEquals("ambiguous"u8)) { reader.Read(); entity.Ambiguous = Flag(ref reader); }
                else if (reader.ValueTextEquals("language"u8)) { reader.Read(); entity.Language = String(ref reader); }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            entities.Add(entity);
        }

        return entities;
    }

    private static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref reader, "a string"),
    };

    private static float Number(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var value) ? value : throw Unexpected(ref reader, "a number");

    private static bool Flag(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "true or false"),
    };

    /// <summary>As <see cref="UtcTimestampConverter"/> reads it: ISO 8601, UTC when it names no offset.</summary>
    private static DateTimeOffset? Time(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        // What the log writes (UtcTimestampConverter.Format, ending in Z) parses straight from the bytes.
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan is [.., (byte)'Z']
            && reader.TryGetDateTimeOffset(out var utc))
        {
            return utc;
        }

        return reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException("timestamp must be an ISO 8601 date string.");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw Unexpected(ref reader, token.ToString());
        }
    }

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"A logged activity has {reader.TokenType} where {expected} belongs (byte {reader.TokenStartIndex}).");
}

/// <summary>An entity of a logged activity as the archive reads it: the intent entity's fields (<see cref="IntentEntity"/>), the rest skipped.</summary>
internal sealed class EntityView
{
    public string? Type { get; set; }

    public string? Intent { get; set; }

    public float Confidence { get; set; }

    public bool Ambiguous { get; set; }

    public string? Language { get; set; }
}

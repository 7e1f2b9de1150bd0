using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The part of a logged activity the archive reads. Everything else (suggested actions, channel data, recipient,
/// attachments) is skipped rather than built: in a profile of the archive worker nine tenths of its snapshot time
/// was reading whole activities, most of it building the suggested actions' and channel data's JSON values. Entities
/// are read as the intent entity's five fields, not as <see cref="Entity"/>'s extension data, whose every property is
/// a JsonElement with a document of its own (a customer's message was then a third of the snapshot's allocations).
/// </summary>
internal sealed class LoggedActivityView
{
    public string? Id { get; set; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public string? Text { get; set; }

    public string? ReplyToId { get; set; }

    public JsonElement? Value { get; set; }

    public List<EntityView>? Entities { get; set; }

    /// <summary>The intent entity the bot put on a customer's message, or null.</summary>
    public EntityView? Intent => Entities?.Find(e => e.Type == IntentEntity.Type);

    public static LoggedActivityView? Read(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, ArchiveJson.Default.LoggedActivityView);

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

/// <summary>The logged JSON as <see cref="SchemaJson"/> writes it: camelCase names, so no case-insensitive matching.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LoggedActivityView))]
internal sealed partial class ArchiveJson : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The part of a logged activity the archive reads. Everything else (suggested actions, channel data, recipient,
/// attachments) is skipped rather than built: in a profile of the archive worker nine tenths of its snapshot time
/// was reading whole activities, most of it building the suggested actions' and channel data's JSON values.
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

    public List<Entity>? Entities { get; set; }

    public static Activity? Read(string json) => JsonSerializer.Deserialize(json, ArchiveJson.Default.LoggedActivityView) is { } view
        ? new Activity
        {
            Id = view.Id,
            Timestamp = view.Timestamp,
            Type = view.Type,
            Name = view.Name,
            ChannelId = view.ChannelId,
            From = view.From,
            Text = view.Text,
            ReplyToId = view.ReplyToId,
            Value = view.Value,
            Entities = view.Entities,
        }
        : null;
}

/// <summary>The logged JSON as <see cref="SchemaJson"/> writes it: camelCase names, so no case-insensitive matching.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LoggedActivityView))]
internal sealed partial class ArchiveJson : JsonSerializerContext;

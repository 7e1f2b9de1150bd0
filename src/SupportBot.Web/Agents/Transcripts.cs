using System.Text.Json;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff.Desk;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Web.Agents;

/// <summary>Turns a conversation's logged activities into the transcript agents read.</summary>
public static class Transcripts
{
    public const string AgentIdPrefix = DeskAgent.ChannelIdPrefix;

    public static IReadOnlyList<TranscriptEntry> From(IEnumerable<LoggedActivity> logged) =>
        [.. logged.Select(a => JsonSerializer.Deserialize(a.Json, SchemaJson.Wire.Activity)).OfType<Activity>().Select(Entry).OfType<TranscriptEntry>()];

    /// <summary>The line for one activity, or null for what a person need not see (typing, the bot's bookkeeping events).</summary>
    public static TranscriptEntry? Entry(Activity activity)
    {
        var sender = activity.From?.Role == RoleTypes.User ? "customer"
            : activity.From?.Id?.StartsWith(AgentIdPrefix, StringComparison.Ordinal) == true ? "agent"
            : "bot";
        string? text;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                text = activity.Text;
                break;
            case ActivityTypes.Event when activity.Name == HandoffEventNames.InitiateHandoff:
                sender = "system";
                text = $"Handed off to a person: {Property(activity.Value, "reason")}";
                break;
            case ActivityTypes.Event when HandoffStatus.Read(activity) is { } status:
                sender = "system";
                text = $"Hand-off {status.State}{(status.AgentName is null ? "" : $" ({status.AgentName})")}{(status.Outcome is null ? "" : $": {status.Outcome}")}";
                break;
            default:
                return null;
        }

        var intent = sender == "customer" ? IntentEntity.Read(activity) : null;
        var buttons = (activity.SuggestedActions?.Actions ?? []).Select(a => a.Title ?? "")
            .Concat((activity.Attachments ?? []).SelectMany(CardButtons))
            .Where(t => t.Length > 0);
        var attachments = (activity.Attachments ?? [])
            .Where(a => a.ContentType is not null && !a.ContentType.StartsWith("application/vnd.microsoft.card", StringComparison.Ordinal) && activity.Type == ActivityTypes.Message)
            .Select(a => a.Name ?? a.ContentType!);
        return new TranscriptEntry(
            activity.Id ?? "", activity.Timestamp ?? DateTimeOffset.MinValue, sender, activity.From?.Name, text,
            intent?.Intent, intent?.Confidence, intent?.Language, [.. buttons], [.. attachments]);
    }

    private static IEnumerable<string> CardButtons(Attachment attachment) =>
        attachment.Content is { ValueKind: JsonValueKind.Object } card && card.TryGetProperty("buttons", out var buttons) && buttons.ValueKind == JsonValueKind.Array
            ? buttons.EnumerateArray().Select(b => Property(b, "title") ?? "")
            : [];

    private static string? Property(JsonElement? value, string name) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}

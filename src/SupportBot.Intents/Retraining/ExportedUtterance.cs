using System.Text.Json.Serialization;

namespace SupportBot.Retraining;

/// <summary>
/// One customer utterance in a transcript export (one JSONL line): what the bot predicted, and the true label
/// where the conversation revealed one. <c>label</c> doubles as the training files' intent field.
/// </summary>
public sealed record ExportedUtterance(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("lang")] string? Language,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("labelSource")] string? LabelSource,
    [property: JsonPropertyName("predicted")] string? Predicted,
    [property: JsonPropertyName("confidence")] float? Confidence,
    [property: JsonPropertyName("ambiguous")] bool? Ambiguous,
    [property: JsonPropertyName("modelVersion")] string? ModelVersion,
    [property: JsonPropertyName("conversation")] string Conversation,
    [property: JsonPropertyName("utterance")] string Utterance,
    [property: JsonPropertyName("at")] DateTimeOffset At);

/// <summary>Where a true label came from.</summary>
public static class LabelSources
{
    /// <summary>The intent an agent closed the conversation with, for the messages the bot had not understood before the hand-off.</summary>
    public const string Agent = "agent";

    /// <summary>The customer's pick in a "did you mean A or B?" question.</summary>
    public const string Choice = "choice";

    /// <summary>The customer said "yes" to "did that help?" after the bot answered this message.</summary>
    public const string Helped = "helped";
}

/// <summary>What an export found.</summary>
public sealed record ExportSummary(int Conversations, int Utterances, IReadOnlyDictionary<string, int> LabelsBySource, int UnreadableActivities);

namespace SupportBot.Insights.Archive;

/// <summary>
/// A history search (GET /agent/api/history): every filter optional. <see cref="Text"/> is a case-insensitive
/// substring of any message; <see cref="From"/> and <see cref="Until"/> bound the start time, [From, Until);
/// <see cref="Before"/> is the cursor from the previous page.
/// </summary>
public sealed record HistoryQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string? Text { get; init; }
    public string? Customer { get; init; }
    public string? Order { get; init; }
    public string? Intent { get; init; }
    public string? Agent { get; init; }
    public int? Rating { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? Until { get; init; }
    public HistoryCursor? Before { get; init; }
    public int Limit { get; init; } = DefaultLimit;
}

/// <summary>A conversation as a history list shows it.</summary>
public sealed record HistorySummary(
    string Id,
    string Customer,
    string? CustomerName,
    string Channel,
    string? Language,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> Intents,
    IReadOnlyList<string> Agents,
    string? HandoffReason,
    int? Rating,
    int? Nps,
    string? Preview)
{
    /// <summary>How much of the first customer message a list shows.</summary>
    public const int PreviewLength = 120;

    public static string? Cut(string? text) => text is { Length: > PreviewLength } ? text[..PreviewLength] : text;
}

/// <summary>One page of history, newest first; <see cref="Next"/> is the cursor of the next page, or null after the last.</summary>
public sealed record HistoryPage(IReadOnlyList<HistorySummary> Conversations, HistoryCursor? Next);

/// <summary>One archived conversation in full: what GET /agent/api/history/{id} and read-through transcripts answer.</summary>
public sealed record ArchivedTranscript(
    HistorySummary Conversation,
    IReadOnlyList<ArchivedActivity> Activities,
    IReadOnlyList<ArchivedHandoff> Handoffs,
    ArchivedSurvey? Survey);

using System.Text.Json;
using SupportBot.Insights.Archive;
using SupportBot.Schema;
using SupportBot.Web.Agents;

namespace SupportBot.Web.Archive;

/// <summary>The history API's answers (the agreed contract in the console's history panel), made from archive rows.</summary>
public static class HistoryViews
{
    public static HistoryConversation Summary(HistorySummary s) => new(
        s.Id, s.Customer, s.CustomerName, s.Channel, s.Language, s.StartedAt, s.EndedAt, s.Intents, s.Agents, s.HandoffReason, s.Rating, s.Nps, s.Preview);

    public static HistoryDetail Detail(ArchivedTranscript t) => new(
        Summary(t.Conversation),
        [.. t.Activities.Select(Line).OfType<HistoryActivity>()],
        [.. t.Handoffs.Select(h => new HistoryHandoff(h.Reason, h.RequestedAt, h.PickedUpAt, h.AgentId, h.EndedAt, h.Outcome))],
        t.Survey is { } survey ? new HistorySurvey(survey.Rating, survey.Nps, survey.Comment) : null);

    // The lines a person reads, as the console's live transcript shows them (typing and the bot's bookkeeping left out).
    private static HistoryActivity? Line(ArchivedActivity a)
    {
        var activity = JsonSerializer.Deserialize(a.RawJson, SchemaJson.Wire.Activity);
        if (activity is null || Transcripts.Entry(activity) is not { } entry)
        {
            return null;
        }

        return new HistoryActivity(a.Id, a.Timestamp, a.Role, a.FromName, entry.Text, a.Intent, a.Confidence);
    }
}

public sealed record HistoryList(IReadOnlyList<HistoryConversation> Conversations, string? Next);

public sealed record HistoryConversation(
    string Id, string Customer, string? CustomerName, string Channel, string? Language, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    IReadOnlyList<string> Intents, IReadOnlyList<string> Agents, string? HandoffReason, int? Rating, int? Nps, string? Preview);

public sealed record HistoryDetail(HistoryConversation Conversation, IReadOnlyList<HistoryActivity> Activities, IReadOnlyList<HistoryHandoff> Handoffs, HistorySurvey? Survey);

public sealed record HistoryActivity(string Id, DateTimeOffset Timestamp, string Role, string? Name, string? Text, string? Intent, double? Confidence);

public sealed record HistoryHandoff(string Reason, DateTimeOffset RequestedAt, DateTimeOffset? PickedUpAt, string? Agent, DateTimeOffset? ClosedAt, string? Resolution);

public sealed record HistorySurvey(int Rating, int? Nps, string? Comment);

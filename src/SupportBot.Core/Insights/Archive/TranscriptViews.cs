namespace SupportBot.Insights.Archive;

/// <summary>A conversation's transcript from a snapshot of its live log, in the shape the archive answers it in.</summary>
public static class TranscriptViews
{
    public static ArchivedTranscript From(ConversationSnapshot snapshot)
    {
        var c = snapshot.Conversation;
        var summary = new HistorySummary(
            c.Id, c.CustomerId, c.CustomerName, c.Channel, c.Language, c.StartedAt, c.ClosedAt,
            [.. snapshot.Activities.Where(a => a.Role == ArchiveRoles.Customer && a.Intent is not null).Select(a => a.Intent!).Distinct(StringComparer.Ordinal)],
            [.. snapshot.Handoffs.SelectMany(h => (string?[])[h.FirstAgentId, h.AgentId]).OfType<string>().Distinct(StringComparer.Ordinal)],
            snapshot.Handoffs.FirstOrDefault()?.Reason,
            snapshot.Surveys.LastOrDefault()?.Rating,
            snapshot.Surveys.LastOrDefault()?.Nps,
            HistorySummary.Cut(c.FirstCustomerText));
        return new ArchivedTranscript(summary, snapshot.Activities, snapshot.Handoffs, snapshot.Surveys.LastOrDefault());
    }
}

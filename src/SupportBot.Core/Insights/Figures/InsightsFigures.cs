using SupportBot.Insights.Archive;
using static SupportBot.Insights.Figures.FigureMath;
using static SupportBot.Insights.Figures.FigureQuery;

namespace SupportBot.Insights.Figures;

/// <summary>
/// The figures a support lead runs the desk by, computed by SQL over the archive for one range (docs/insights.md
/// defines each). Read-only: every query runs on a connection of its own, the queries of one call at once, beside the
/// archive worker and any other reader.
/// </summary>
public sealed class InsightsFigures(IConversationArchive archive, TimeProvider clock)
{
    private const double Second = 1000;
    private const double Hour = 3_600_000;

    public async Task<InsightsSummary> SummaryAsync(InsightsRange range, CancellationToken ct = default)
    {
        var q = new FigureQuery(archive, range);
        var where = q.Conversations;

        // Every query at once, each on a connection of its own (the archive caps how many run together).
        var countsRow = q.RowAsync(FigureSql.Conversations(where, null), ct);
        var handoffRows = q.RowsAsync(FigureSql.HandoffRows(where), ct);
        var surveysRow = q.RowAsync(FigureSql.Surveys(where, null), ct);
        var botFirstTask = q.PercentilesAsync("c.bot_first_response_ms", FigureSql.ConversationsFrom, where, Second, ct);
        var ticketsTask = TicketsAsync(q, ct);

        var c = Counts(await countsRow);
        var h = HandoffTally.Of(await handoffRows);
        var surveys = Surveys(await surveysRow);
        var botFirst = await botFirstTask;
        var tickets = await ticketsTask;
        var naive = c.KeptByBot;
        return new InsightsSummary(
            range.From.ToString("O"), range.To.ToString("O"), range.Language, range.Channel,
            c.Total, c.Engaged, c.Contained, Rate(c.Contained, c.Engaged), naive, Rate(naive, c.Engaged),
            new NotContained(c.Engaged - naive, c.LeftBadly, c.CameBack),
            c.Escalated, Rate(c.Escalated, c.Engaged), h.Reasons, h.Figures,
            h.Pickup, h.FirstResponse, botFirst, new HandleTime(h.Handle.P50, h.Handle.P90, h.HandleMeanSeconds),
            Rate(h.Closed, h.Figures.Requested - h.Figures.Open),
            tickets,
            surveys.Csat(h.Closed),
            surveys.Nps());
    }

    public async Task<IReadOnlyList<DailyFigures>> DailyAsync(InsightsRange range, CancellationToken ct = default)
    {
        var q = new FigureQuery(archive, range);
        var (countRows, surveyRows) = (q.RowsAsync(FigureSql.Conversations(q.Conversations, FigureSql.ByDay), ct), q.RowsAsync(FigureSql.Surveys(q.Conversations, FigureSql.ByDay), ct));
        var counts = (await countRows).ToDictionary(r => Long(r[0]), Counts);
        var surveys = (await surveyRows).ToDictionary(r => Long(r[0]), Surveys);

        // Every day of the range, quiet ones included, so a chart's axis is the calendar.
        return [.. Enumerable.Range(0, range.Days).Select(offset =>
        {
            var date = range.From.AddDays(offset);
            var day = (long)date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
            var c = counts.GetValueOrDefault(day) ?? ConversationCounts.Zero;
            var s = surveys.GetValueOrDefault(day) ?? SurveyCounts.Zero;
            return new DailyFigures(date.ToString("O"), c.Total, c.Engaged, c.Contained, Rate(c.Contained, c.Engaged), Rate(c.KeptByBot, c.Engaged),
                c.Escalated, s.Responses, Rate(s.Satisfied, s.Responses), s.NpsResponses, NpsScore(s.Promoters, s.Detractors, s.NpsResponses));
        })];
    }

    public async Task<IReadOnlyList<LanguageFigures>> LanguagesAsync(InsightsRange range, CancellationToken ct = default)
    {
        var q = new FigureQuery(archive, range);
        var (surveyRows, countRows) = (q.RowsAsync(FigureSql.Surveys(q.Conversations, FigureSql.ByLanguage), ct), q.RowsAsync(FigureSql.Conversations(q.Conversations, FigureSql.ByLanguage), ct));
        var surveys = (await surveyRows).ToDictionary(r => Text(r[0]) ?? "", Surveys);
        return [.. (await countRows)
            .Select(r => (Language: Text(r[0]), Counts: Counts(r)))
            .OrderByDescending(l => l.Counts.Total).ThenBy(l => l.Language, StringComparer.Ordinal)
            .Select(l =>
            {
                var s = surveys.GetValueOrDefault(l.Language ?? "") ?? SurveyCounts.Zero;
                var c = l.Counts;
                return new LanguageFigures(l.Language, c.Total, c.Engaged, c.Contained, Rate(c.Contained, c.Engaged), c.Escalated, s.Responses, Rate(s.Satisfied, s.Responses));
            })];
    }

    public async Task<IReadOnlyList<IntentFigures>> IntentsAsync(InsightsRange range, CancellationToken ct = default)
    {
        var q = new FigureQuery(archive, range);
        var messageRows = q.RowsAsync(FigureSql.IntentMessages(q.Conversations), ct);
        var (feedbackRows, escalationRows) = (q.RowsAsync(FigureSql.IntentFeedback(q.Conversations), ct), q.RowsAsync(FigureSql.IntentEscalations(q.Conversations), ct));
        var byIntentAndTopic = await messageRows;
        var messages = byIntentAndTopic.GroupBy(r => Text(r[0])!).ToDictionary(g => g.Key, g => (Count: g.Sum(r => Long(r[2])), Ambiguous: g.Sum(r => Long(r[3]))));
        var misunderstood = byIntentAndTopic.Where(r => r[1] is not null).GroupBy(r => Text(r[1])!).ToDictionary(g => g.Key, g => g.Sum(r => Long(r[2])));
        var feedback = (await feedbackRows).ToDictionary(r => Text(r[0])!, r => (Yes: Long(r[1]), No: Long(r[2])));
        var escalations = (await escalationRows).ToDictionary(r => Text(r[0])!, r => Long(r[1]));

        return [.. messages.Keys.Union(misunderstood.Keys).Union(feedback.Keys).Union(escalations.Keys)
            .Select(intent =>
            {
                var (count, ambiguous) = messages.GetValueOrDefault(intent);
                var (yes, no) = feedback.GetValueOrDefault(intent);
                return new IntentFigures(intent, count, yes, no, Rate(yes, yes + no), misunderstood.GetValueOrDefault(intent),
                    escalations.GetValueOrDefault(intent), ambiguous, Rate(ambiguous, count));
            })
            .OrderByDescending(i => i.Messages).ThenBy(i => i.Intent, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<AgentFigures>> AgentsAsync(InsightsRange range, CancellationToken ct = default)
    {
        var q = new FigureQuery(archive, range);
        var (surveyRows, agentRows) = (q.RowsAsync(FigureSql.AgentSurveys(q.Conversations), ct), q.RowsAsync(FigureSql.Agents(q.Conversations), ct));
        var surveys = (await surveyRows).ToDictionary(r => Text(r[0])!, Surveys);
        return [.. (await agentRows)
            .Select(r =>
            {
                var id = Text(r[0])!;
                var s = surveys.GetValueOrDefault(id) ?? SurveyCounts.Zero;
                return new AgentFigures(id, Text(r[1]), Long(r[2]), Long(r[3]),
                    Mean(Double(r[4]) / Second, Long(r[5])), Mean(Double(r[6]) / Second, Long(r[7])),
                    s.Responses, Rate(s.Satisfied, s.Responses), Mean(s.RatingSum, s.Responses));
            })
            .OrderByDescending(a => a.Chats).ThenBy(a => a.AgentId, StringComparer.Ordinal)];
    }

    private async Task<TicketFigures> TicketsAsync(FigureQuery q, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var row = q.RowAsync(FigureSql.Tickets(q.Tickets), ct);
        var openAgeTask = q.PercentilesAsync("@now - t.opened_at_ms", FigureSql.TicketsFrom, q.Tickets + " AND t.closed_at_ms IS NULL", Hour, ct, now);
        var toClose = await q.PercentilesAsync("t.closed_at_ms - t.opened_at_ms", FigureSql.TicketsFrom, q.Tickets + " AND t.closed_at_ms IS NOT NULL", Hour, ct);
        var (t, openAge) = (await row, await openAgeTask);
        var (opened, stillOpen) = (Long(t[0]), Long(t[1]));
        return new TicketFigures(opened, stillOpen, opened - stillOpen, openAge, toClose);
    }

    private static ConversationCounts Counts(object?[] r) => new(Long(r[1]), Long(r[2]), Long(r[3]), Long(r[4]), Long(r[5]), Long(r[6]));

    private static SurveyCounts Surveys(object?[] r) => new(Long(r[1]), Long(r[2]), Double(r[3]), Long(r[4]), Long(r[5]), Long(r[6]));

    private sealed record ConversationCounts(long Total, long Engaged, long KeptByBot, long LeftBadly, long CameBack, long Escalated)
    {
        public static ConversationCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

        public long Contained => KeptByBot - LeftBadly - CameBack;
    }

    private sealed record SurveyCounts(long Responses, long Satisfied, double RatingSum, long NpsResponses, long Promoters, long Detractors)
    {
        public static SurveyCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

        public CsatFigures Csat(long asked) => new(Responses, Rate(Satisfied, Responses), Mean(RatingSum, Responses), Rate(Responses, asked));

        public NpsFigures Nps() => new(NpsResponses, NpsScore(Promoters, Detractors, NpsResponses), Promoters, NpsResponses - Promoters - Detractors, Detractors);
    }
}

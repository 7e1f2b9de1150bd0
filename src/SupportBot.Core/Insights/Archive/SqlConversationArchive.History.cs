using System.Data.Common;
using SupportBot.Conversations;

namespace SupportBot.Insights.Archive;

public abstract partial class SqlConversationArchive
{
    private const string SummaryColumns =
        "c.id, c.customer_id, c.customer_name, c.channel, c.language, c.started_at_ms, c.closed_at_ms, c.first_customer_text";

    public async Task<HistoryPage> SearchAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = ArchiveSql.Command(connection, null, "");
        var where = new List<string>();
        void Filter(string condition, string name, object? value)
        {
            where.Add(condition);
            ArchiveSql.Add(command, name, value);
        }

        if (query.Customer is { } customer) Filter("c.customer_id = @customer", "@customer", customer);
        if (query.Order is { } order) Filter("EXISTS (SELECT 1 FROM conversation_orders o WHERE o.conversation_id = c.id AND o.order_number = @order)", "@order", order);
        if (query.Intent is { } intent) Filter("EXISTS (SELECT 1 FROM activities a WHERE a.conversation_id = c.id AND a.intent = @intent)", "@intent", intent);
        if (query.Rating is { } rating) Filter("EXISTS (SELECT 1 FROM surveys s WHERE s.conversation_id = c.id AND s.rating = @rating)", "@rating", rating);
        if (query.From is { } from) Filter("c.started_at_ms >= @from", "@from", from);
        if (query.Until is { } until) Filter("c.started_at_ms < @until", "@until", until);
        if (query.Agent is { } agent)
        {
            Filter("EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id AND (h.agent_id = @agent OR h.first_agent_id = @agent))", "@agent", agent);
        }

        if (query.Text is { Length: > 0 } text)
        {
            Filter($"EXISTS (SELECT 1 FROM activities a WHERE a.conversation_id = c.id AND a.type = 'message' AND {Fold("a.text")} LIKE @text ESCAPE '\\')",
                "@text", ArchiveSql.Contains(text.ToLowerInvariant()));
        }

        if (query.Before is { } before)
        {
            Filter("(c.started_at_ms < @beforeMs OR (c.started_at_ms = @beforeMs AND c.id < @beforeId))", "@beforeMs", before.StartedAtMs);
            ArchiveSql.Add(command, "@beforeId", before.Id);
        }

        command.CommandText = $"SELECT {SummaryColumns} FROM conversations c" +
            (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
            " ORDER BY c.started_at_ms DESC, c.id DESC LIMIT @limit";
        ArchiveSql.Add(command, "@limit", query.Limit + 1);
        var rows = await ReadSummariesAsync(command, cancellationToken);
        var page = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit ? new HistoryCursor(page[^1].StartedAt.ToUnixTimeMilliseconds(), page[^1].Id) : null;
        return new HistoryPage(await CompleteAsync(connection, page, cancellationToken), next);
    }

    public async Task<ArchivedTranscript?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = ArchiveSql.Command(connection, null, $"SELECT {SummaryColumns} FROM conversations c WHERE c.id = @id");
        ArchiveSql.Add(command, "@id", conversationId);
        var rows = await ReadSummariesAsync(command, cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var summary = (await CompleteAsync(connection, rows, cancellationToken))[0];
        var activities = await ArchiveReads.ActivitiesAsync(connection, conversationId, cancellationToken);
        var handoffs = await ArchiveReads.HandoffsAsync(connection, conversationId, cancellationToken);
        var survey = await ArchiveReads.LastSurveyAsync(connection, conversationId, cancellationToken);
        return new ArchivedTranscript(summary, activities, handoffs, survey);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LoggedActivity>>> ReadLogsAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ArchiveReads.LogsAsync(connection, conversationIds, cancellationToken);
    }

    private static async Task<List<HistorySummary>> ReadSummariesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<HistorySummary>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new HistorySummary(
                r.GetString(0), r.GetString(1), ArchiveSql.Text(r, 2), r.GetString(3), ArchiveSql.Text(r, 4),
                ArchiveSql.Time(r, 5), ArchiveSql.NullableTime(r, 6), [], [], null, null, null,
                HistorySummary.Cut(ArchiveSql.Text(r, 7))));
        }

        return rows;
    }

    // The list columns of a page's summaries, three queries for the whole page rather than three per row.
    private static async Task<IReadOnlyList<HistorySummary>> CompleteAsync(DbConnection connection, List<HistorySummary> page, CancellationToken ct)
    {
        if (page.Count == 0)
        {
            return page;
        }

        var ids = page.Select(s => s.Id).ToList();
        var intents = await ArchiveReads.PairsAsync(connection,
            "SELECT conversation_id, intent FROM activities WHERE role = 'customer' AND intent IS NOT NULL AND conversation_id IN ({ids}) ORDER BY seq", ids, ct);
        var agents = await ArchiveReads.PairsAsync(connection,
            "SELECT conversation_id, first_agent_id FROM handoffs WHERE first_agent_id IS NOT NULL AND conversation_id IN ({ids}) " +
            "UNION ALL SELECT conversation_id, agent_id FROM handoffs WHERE agent_id IS NOT NULL AND conversation_id IN ({ids})", ids, ct);
        var reasons = await ArchiveReads.PairsAsync(connection,
            "SELECT conversation_id, reason FROM handoffs WHERE conversation_id IN ({ids}) ORDER BY seq", ids, ct);
        var surveys = await ArchiveReads.LastSurveysAsync(connection, ids, ct);
        return [.. page.Select(s => s with
        {
            Intents = [.. intents[s.Id].Distinct(StringComparer.Ordinal)],
            Agents = [.. agents[s.Id].Distinct(StringComparer.Ordinal)],
            HandoffReason = reasons[s.Id].FirstOrDefault(),
            Rating = surveys.GetValueOrDefault(s.Id)?.Rating,
            Nps = surveys.GetValueOrDefault(s.Id)?.Nps,
        })];
    }
}

using System.Data.Common;
using System.Text;
using SupportBot.Conversations;

namespace SupportBot.Insights.Archive;

/// <summary>The archive's reads of one conversation's rows (or a page's, or an export batch's), shared by history, read-through and the export.</summary>
internal static class ArchiveReads
{
    /// <summary>
    /// The conversation's archived activities, in order. What a row does not keep since schema version 5 (the id, who
    /// it was from, the event name, the reply-to id, the intent's confidence and language) is read from its raw_json,
    /// the JSON the worker took every column from (<see cref="ConversationSnapshots"/>), so it reads as it was written.
    /// </summary>
    public static async Task<IReadOnlyList<ArchivedActivity>> ActivitiesAsync(DbConnection connection, string conversationId, CancellationToken ct)
    {
        await using var command = ArchiveSql.Command(connection, null,
            "SELECT seq, timestamp_ms, role, type, text, intent, ambiguous, raw_json FROM activities WHERE conversation_id = @id ORDER BY seq");
        ArchiveSql.Add(command, "@id", conversationId);
        var list = new List<ArchivedActivity>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (seq, role, intent, json) = (ArchiveSql.Long(r, 0), r.GetString(2), ArchiveSql.Text(r, 5), Encoding.UTF8.GetBytes(r.GetString(7)));
            var view = LoggedActivityView.Read(json);
            var classified = ConversationSnapshots.Classified(role, view?.Intent);
            list.Add(new ArchivedActivity(
                seq, view?.Id ?? ActivityIds.ActivityId(conversationId, seq), ArchiveSql.Time(r, 1), role, view?.From?.Id, view?.From?.Name,
                r.GetString(3), view?.Name, ArchiveSql.Text(r, 4), intent, ConversationSnapshots.Confidence(classified),
                ArchiveSql.Flag(r, 6), classified?.Language, view?.ReplyToId, json));
        }

        return list;
    }

    /// <summary>Each conversation's archived activities as the log held them, in sequence order, in one query for the lot.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<LoggedActivity>>> LogsAsync(DbConnection connection, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var logs = new Dictionary<string, IReadOnlyList<LoggedActivity>>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return logs;
        }

        await using var command = InList(connection, "SELECT conversation_id, seq, raw_json FROM activities WHERE conversation_id IN ({ids}) ORDER BY conversation_id, seq", ids);
        await using var r = await command.ExecuteReaderAsync(ct);
        List<LoggedActivity>? log = null;
        while (await r.ReadAsync(ct))
        {
            var id = r.GetString(0);
            if (log is null || log[0].ConversationId != id)
            {
                logs[id] = log = [];
            }

            log.Add(new LoggedActivity(id, ArchiveSql.Long(r, 1), r.GetString(2)));
        }

        return logs;
    }

    public static Task<List<ArchivedHandoff>> HandoffsAsync(DbConnection connection, string conversationId, CancellationToken ct) =>
        HandoffsAsync(connection, conversationId, "ORDER BY seq", ct);

    /// <summary>The conversation's row and its latest hand-off: what an incremental copy starts from.</summary>
    public static async Task<ArchivedMark?> MarkAsync(DbConnection connection, string conversationId, CancellationToken ct)
    {
        await using var command = ArchiveSql.Command(connection, null,
            "SELECT id, channel, language, customer_id, customer_name, started_at_ms, last_activity_at_ms, closed_at_ms, customer_messages, " +
            "bot_messages, agent_messages, first_customer_text, last_customer_at_ms, last_customer_intent, last_customer_unanswered, " +
            "last_customer_misunderstood, handoffs, archived_seq FROM conversations WHERE id = @id");
        ArchiveSql.Add(command, "@id", conversationId);
        ArchivedConversation conversation;
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct))
            {
                return null;
            }

            conversation = new ArchivedConversation(
                r.GetString(0), r.GetString(1), ArchiveSql.Text(r, 2), r.GetString(3), ArchiveSql.Text(r, 4), ArchiveSql.Time(r, 5),
                ArchiveSql.Time(r, 6), ArchiveSql.NullableTime(r, 7), ArchiveSql.Int(r, 8) ?? 0, ArchiveSql.Int(r, 9) ?? 0, ArchiveSql.Int(r, 10) ?? 0,
                ArchiveSql.Text(r, 11), ArchiveSql.NullableTime(r, 12), ArchiveSql.Text(r, 13), ArchiveSql.Flag(r, 14) ?? false,
                ArchiveSql.Flag(r, 15) ?? false, ArchiveSql.Int(r, 16) ?? 0, ArchiveSql.Long(r, 17));
        }

        var latest = await HandoffsAsync(connection, conversationId, "ORDER BY seq DESC LIMIT 1", ct);
        return new ArchivedMark(conversation, latest.Count > 0 ? latest[0] : null);
    }

    private static async Task<List<ArchivedHandoff>> HandoffsAsync(DbConnection connection, string conversationId, string order, CancellationToken ct)
    {
        await using var command = ArchiveSql.Command(connection, null,
            "SELECT seq, reason, intent, language, skill, requested_at_ms, picked_up_at_ms, agent_id, agent_name, first_agent_id, transfers, " +
            $"first_agent_reply_at_ms, ended_at_ms, outcome, resolution_intent, tags FROM handoffs WHERE conversation_id = @id {order}");
        ArchiveSql.Add(command, "@id", conversationId);
        var list = new List<ArchivedHandoff>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new ArchivedHandoff(
                ArchiveSql.Long(r, 0), r.GetString(1), ArchiveSql.Text(r, 2), ArchiveSql.Text(r, 3), ArchiveSql.Text(r, 4), ArchiveSql.Time(r, 5),
                ArchiveSql.NullableTime(r, 6), ArchiveSql.Text(r, 7), ArchiveSql.Text(r, 8), ArchiveSql.Text(r, 9), ArchiveSql.Int(r, 10) ?? 0,
                ArchiveSql.NullableTime(r, 11), ArchiveSql.NullableTime(r, 12), ArchiveSql.Text(r, 13), ArchiveSql.Text(r, 14),
                ArchiveSql.Tags(ArchiveSql.Text(r, 15))));
        }

        return list;
    }

    public static async Task<ArchivedSurvey?> LastSurveyAsync(DbConnection connection, string conversationId, CancellationToken ct) =>
        (await LastSurveysAsync(connection, [conversationId], ct)).GetValueOrDefault(conversationId);

    /// <summary>Each conversation's last survey answer (the one the customer gave last).</summary>
    public static async Task<Dictionary<string, ArchivedSurvey>> LastSurveysAsync(DbConnection connection, IReadOnlyList<string> ids, CancellationToken ct)
    {
        await using var command = InList(connection,
            "SELECT conversation_id, seq, handoff_seq, agent_id, answered_at_ms, rating, nps, comment FROM surveys WHERE conversation_id IN ({ids}) ORDER BY seq", ids);
        var last = new Dictionary<string, ArchivedSurvey>(StringComparer.Ordinal);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            last[r.GetString(0)] = new ArchivedSurvey(
                ArchiveSql.Long(r, 1), r.IsDBNull(2) ? null : ArchiveSql.Long(r, 2), ArchiveSql.Text(r, 3), ArchiveSql.Time(r, 4),
                ArchiveSql.Int(r, 5) ?? 0, ArchiveSql.Int(r, 6), ArchiveSql.Text(r, 7));
        }

        return last;
    }

    /// <summary>Runs a two-column query over <paramref name="ids"/> ("{ids}" in the SQL) and groups the second column by the first.</summary>
    public static async Task<ILookup<string, string>> PairsAsync(DbConnection connection, string sql, IReadOnlyList<string> ids, CancellationToken ct)
    {
        await using var command = InList(connection, sql, ids);
        var pairs = new List<(string, string)>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            pairs.Add((r.GetString(0), r.GetString(1)));
        }

        return pairs.ToLookup(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }

    private static DbCommand InList(DbConnection connection, string sql, IReadOnlyList<string> ids)
    {
        var command = ArchiveSql.Command(connection, null, sql.Replace("{ids}", string.Join(", ", ids.Select((_, i) => $"@id{i}")), StringComparison.Ordinal));
        for (var i = 0; i < ids.Count; i++)
        {
            ArchiveSql.Add(command, $"@id{i}", ids[i]);
        }

        return command;
    }
}

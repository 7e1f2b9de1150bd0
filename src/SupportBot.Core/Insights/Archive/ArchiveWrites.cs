using System.Data.Common;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The archive's upserts, one per table; the same SQL on SQLite and PostgreSQL (ON CONFLICT is in both). Each
/// table's statement is built once per write and rebound for every row (<see cref="RowCommand"/>), not rebuilt.
/// </summary>
internal static class ArchiveWrites
{
    private const string ConversationColumns =
        "channel, language, customer_id, customer_name, started_at_ms, last_activity_at_ms, closed_at_ms, customer_messages, bot_messages, " +
        "agent_messages, first_customer_text, last_customer_at_ms, last_customer_intent, last_customer_unanswered, " +
        "last_customer_misunderstood, handoffs, archived_seq, archived_at_ms";

    // What queries filter or compute by, and the JSON: the rest of an activity's row is read from raw_json (ArchiveReads).
    private const string ActivityColumns = "seq, timestamp_ms, role, type, text, intent, ambiguous, raw_json";

    private const string HandoffColumns =
        "reason, intent, language, skill, requested_at_ms, picked_up_at_ms, agent_id, agent_name, first_agent_id, transfers, " +
        "first_agent_reply_at_ms, ended_at_ms, outcome, resolution_intent, tags";

    private const string SurveyColumns = "seq, handoff_seq, agent_id, answered_at_ms, rating, nps, comment";

    private const string FeedbackColumns = "seq, answered_at_ms, intent, helped, utterance_id";

    private const string TicketColumns = "conversation_id, customer_id, language, reason, opened_at_ms, closed_at_ms, closed_by";

    public static async Task ConversationAsync(DbConnection connection, DbTransaction tx, ArchivedConversation c, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new RowCommand(connection, tx,
            $"INSERT INTO conversations (id, {ConversationColumns}) VALUES (@id, {Parameters(ConversationColumns)}) " +
            $"ON CONFLICT (id) DO UPDATE SET {Updates(ConversationColumns)}", "id, " + ConversationColumns);
        await command.RunAsync(ct,
            c.Id, c.Channel, c.Language, c.CustomerId, c.CustomerName, c.StartedAt, c.LastActivityAt, c.ClosedAt, c.CustomerMessages, c.BotMessages,
            c.AgentMessages, c.FirstCustomerText, c.LastCustomerAt, c.LastCustomerIntent, c.LastCustomerUnanswered,
            c.LastCustomerMisunderstood, c.Handoffs, c.ArchivedSeq, now);
    }

    /// <param name="textFromUtf8">The provider's expression that makes text of a parameter's UTF-8 bytes (raw_json's value).</param>
    public static async Task ActivitiesAsync(
        DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedActivity> activities, Func<string, string> textFromUtf8, CancellationToken ct)
    {
        await using var command = ChildInsert(connection, tx, "activities", ActivityColumns, "ON CONFLICT DO NOTHING",
            values => values.Replace("@raw_json", textFromUtf8("@raw_json"), StringComparison.Ordinal));
        foreach (var a in activities)
        {
            await command.RunAsync(ct, conversationId, a.Seq, a.Timestamp, a.Role, a.Type, a.Text, a.Intent, a.Ambiguous, a.RawJson);
        }
    }

    /// <summary>
    /// Sets the conversation's bot_first_response_ms (the customer's first message to the bot's first message after
    /// it) from its archived activities, once: both messages are fixed once they exist, so a set value is final, and a
    /// write that brings no bot message cannot set it. Runs after the activities are inserted, in their transaction.
    /// </summary>
    public static async Task BotFirstResponseAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedActivity> written, CancellationToken ct)
    {
        if (!written.Any(a => a is { Role: ArchiveRoles.Bot, Type: ActivityTypes.Message }))
        {
            return;
        }

        await using var command = new RowCommand(connection, tx, """
            UPDATE conversations SET bot_first_response_ms = (
                SELECT MIN(b.timestamp_ms - f.timestamp_ms) FROM activities f JOIN activities b
                    ON b.conversation_id = f.conversation_id AND b.seq > f.seq AND b.role = 'bot' AND b.type = 'message'
                WHERE f.conversation_id = @conversation_id AND f.seq = (
                    SELECT MIN(x.seq) FROM activities x WHERE x.conversation_id = @conversation_id AND x.role = 'customer' AND x.type = 'message'))
            WHERE id = @conversation_id AND bot_first_response_ms IS NULL
            """, "conversation_id");
        await command.RunAsync(ct, conversationId);
    }

    /// <summary>
    /// Keeps conversations.came_back true to its meaning (Sql/sqlite/003-comeback-and-customer-messages.sql) after a
    /// write of <paramref name="c"/>, in its transaction: the conversation came back once a later engaged conversation of
    /// its customer starts within the window after its last activity (which only grows), and, when this write made it
    /// engaged, the customer's earlier conversations whose window it starts in came back. A few index lookups in the
    /// customer's conversations. On PostgreSQL the caller holds the customer's lock, so two writes of one customer's
    /// conversations cannot each miss the other's uncommitted row.
    /// </summary>
    public static async Task ComebackAsync(DbConnection connection, DbTransaction tx, ArchivedConversation c, bool becameEngaged, CancellationToken ct)
    {
        await using (var own = new RowCommand(connection, tx, $"""
            UPDATE conversations SET came_back = 1 WHERE id = @id AND came_back = 0 AND EXISTS (
                SELECT 1 FROM conversations n WHERE n.customer_id = @customer_id AND n.started_at_ms > @started_at_ms
                    AND n.started_at_ms <= @last_activity_at_ms + {Comeback.WindowMs} AND n.customer_messages > 0)
            """, "id, customer_id, started_at_ms, last_activity_at_ms"))
        {
            await own.RunAsync(ct, c.Id, c.CustomerId, c.StartedAt, c.LastActivityAt);
        }

        if (becameEngaged)
        {
            // Not "AND came_back = 0": on PostgreSQL a row retention is clearing must be waited for, not skipped.
            await using var earlier = new RowCommand(connection, tx, $"""
                UPDATE conversations SET came_back = 1 WHERE customer_id = @customer_id AND started_at_ms < @started_at_ms
                    AND last_activity_at_ms >= @started_at_ms - {Comeback.WindowMs}
                """, "customer_id, started_at_ms");
            await earlier.RunAsync(ct, c.CustomerId, c.StartedAt);
        }
    }

    /// <summary>The tables derived from the log (all but activities, which only grow), emptied for the conversation.</summary>
    public static async Task ClearDerivedAsync(DbConnection connection, DbTransaction tx, string conversationId, CancellationToken ct)
    {
        foreach (var table in (string[])["conversation_orders", "handoffs", "surveys", "feedback"])
        {
            await using var command = new RowCommand(connection, tx, $"DELETE FROM {table} WHERE conversation_id = @conversation_id", "conversation_id");
            await command.RunAsync(ct, conversationId);
        }
    }

    public static async Task OrdersAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<string> orders, CancellationToken ct)
    {
        await using var command = ChildInsert(connection, tx, "conversation_orders", "order_number", "ON CONFLICT DO NOTHING");
        foreach (var order in orders)
        {
            await command.RunAsync(ct, conversationId, order);
        }
    }

    public static async Task HandoffsAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedHandoff> handoffs, CancellationToken ct)
    {
        await using var command = ChildInsert(connection, tx, "handoffs", "seq, " + HandoffColumns,
            $"ON CONFLICT (conversation_id, seq) DO UPDATE SET {Updates(HandoffColumns)}");
        foreach (var h in handoffs)
        {
            await command.RunAsync(ct, conversationId, h.Seq, h.Reason, h.Intent, h.Language, h.Skill, h.RequestedAt, h.PickedUpAt, h.AgentId,
                h.AgentName, h.FirstAgentId, h.Transfers, h.FirstAgentReplyAt, h.EndedAt, h.Outcome, h.ResolutionIntent, ArchiveSql.Tags(h.Tags));
        }
    }

    /// <summary>
    /// Inserts the surveys; with <paramref name="replacing"/>, an earlier answer about the same hand-off (or about
    /// none) goes first, as only a hand-off's last answer counts.
    /// </summary>
    public static async Task SurveysAsync(DbConnection connection, DbTransaction tx, string conversationId, IReadOnlyList<ArchivedSurvey> surveys, bool replacing, CancellationToken ct)
    {
        if (replacing && surveys.Count > 0)
        {
            await using var earlier = new RowCommand(connection, tx,
                "DELETE FROM surveys WHERE conversation_id = @conversation_id AND COALESCE(handoff_seq, -1) = @handoff_seq", "conversation_id, handoff_seq");
            foreach (var s in surveys)
            {
                await earlier.RunAsync(ct, conversationId, s.HandoffSeq ?? -1);
            }
        }

        await using var command = ChildInsert(connection, tx, "surveys", SurveyColumns, "ON CONFLICT DO NOTHING");
        foreach (var s in surveys)
        {
            await command.RunAsync(ct, conversationId, s.Seq, s.HandoffSeq, s.AgentId, s.AnsweredAt, s.Rating, s.Nps, s.Comment);
        }
    }

    public static async Task FeedbackAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedFeedback> feedback, CancellationToken ct)
    {
        await using var command = ChildInsert(connection, tx, "feedback", FeedbackColumns, "ON CONFLICT DO NOTHING");
        foreach (var f in feedback)
        {
            await command.RunAsync(ct, conversationId, f.Seq, f.AnsweredAt, f.Intent, f.Helped, f.UtteranceId);
        }
    }

    public static async Task TicketAsync(DbConnection connection, ArchivedTicket t, CancellationToken ct)
    {
        // The customer is the ticket's conversation's when the caller does not know it (the ticket store keeps no user id).
        var values = Parameters(TicketColumns).Replace("@customer_id", "COALESCE(@customer_id, (SELECT customer_id FROM conversations WHERE id = @conversation_id))", StringComparison.Ordinal);
        await using var command = new RowCommand(connection, null,
            $"INSERT INTO tickets (id, {TicketColumns}) VALUES (@id, {values}) ON CONFLICT (id) DO UPDATE SET {Updates(TicketColumns)}", "id, " + TicketColumns);
        await command.RunAsync(ct, t.Id, t.ConversationId, t.CustomerId, t.Language, t.Reason, t.OpenedAt, t.ClosedAt, t.ClosedBy);
    }

    /// <summary>
    /// An insert into a table of the conversation's rows: conversation_id first, then <paramref name="columns"/>, each
    /// from its parameter or from what <paramref name="values"/> makes of the parameters' list.
    /// </summary>
    private static RowCommand ChildInsert(DbConnection connection, DbTransaction tx, string table, string columns, string onConflict, Func<string, string>? values = null) =>
        new(connection, tx, $"INSERT INTO {table} (conversation_id, {columns}) VALUES (@conversation_id, {(values ?? (v => v))(Parameters(columns))}) {onConflict}",
            "conversation_id, " + columns);

    private static IEnumerable<string> Names(string columns) => columns.Split(',', StringSplitOptions.TrimEntries);

    private static string Parameters(string columns) => string.Join(", ", Names(columns).Select(c => "@" + c));

    private static string Updates(string columns) => string.Join(", ", Names(columns).Select(c => $"{c} = excluded.{c}"));

    /// <summary>One statement with a parameter per column (named @column), run once per row with that row's values in column order.</summary>
    private sealed class RowCommand : IAsyncDisposable
    {
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;

        public RowCommand(DbConnection connection, DbTransaction? tx, string sql, string columns)
        {
            _command = ArchiveSql.Command(connection, tx, sql);
            _parameters = [.. Names(columns).Select(name => ArchiveSql.Add(_command, "@" + name, null))];
        }

        public Task<int> RunAsync(CancellationToken ct, params object?[] values)
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                _parameters[i].Value = ArchiveSql.Value(values[i]);
            }

            return _command.ExecuteNonQueryAsync(ct);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }
}

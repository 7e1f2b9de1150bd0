using System.Data.Common;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The archive's upserts, one per table; the same SQL on SQLite and PostgreSQL (ON CONFLICT is in both). One instance
/// serves one transaction: each statement's text is built once for the process, its command is made (and on SQLite
/// prepared) the first time the transaction uses it and rebound for every row of every conversation after that
/// (<see cref="RowCommand"/>). A worker's batch of dozens of conversations used to build, prepare and throw away about
/// ten commands for each of them (2026-12-07, docs/performance.md).
/// </summary>
/// <param name="textFromUtf8">The provider's expression that makes text of a parameter's UTF-8 bytes (raw_json's value).</param>
internal sealed class ArchiveWrites(DbConnection connection, DbTransaction? tx, Func<string, string> textFromUtf8) : IAsyncDisposable
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

    private static readonly Statement ConversationUpsert = new(
        $"INSERT INTO conversations (id, {ConversationColumns}) VALUES (@id, {Parameters(ConversationColumns)}) " +
        $"ON CONFLICT (id) DO UPDATE SET {Updates(ConversationColumns)}", "id, " + ConversationColumns);

    private static readonly Statement BotFirstResponseUpdate = new("""
        UPDATE conversations SET bot_first_response_ms = (
            SELECT MIN(b.timestamp_ms - f.timestamp_ms) FROM activities f JOIN activities b
                ON b.conversation_id = f.conversation_id AND b.seq > f.seq AND b.role = 'bot' AND b.type = 'message'
            WHERE f.conversation_id = @conversation_id AND f.seq = (
                SELECT MIN(x.seq) FROM activities x WHERE x.conversation_id = @conversation_id AND x.role = 'customer' AND x.type = 'message'))
        WHERE id = @conversation_id AND bot_first_response_ms IS NULL
        """, "conversation_id");

    private static readonly Statement OwnComeback = new($"""
        UPDATE conversations SET came_back = 1 WHERE id = @id AND came_back = 0 AND EXISTS (
            SELECT 1 FROM conversations n WHERE n.customer_id = @customer_id AND n.started_at_ms > @started_at_ms
                AND n.started_at_ms <= @last_activity_at_ms + {Comeback.WindowMs} AND n.customer_messages > 0)
        """, "id, customer_id, started_at_ms, last_activity_at_ms");

    // Not "AND came_back = 0": on PostgreSQL a row retention is clearing must be waited for, not skipped.
    private static readonly Statement EarlierComebacks = new($"""
        UPDATE conversations SET came_back = 1 WHERE customer_id = @customer_id AND started_at_ms < @started_at_ms
            AND last_activity_at_ms >= @started_at_ms - {Comeback.WindowMs}
        """, "customer_id, started_at_ms");

    private static readonly Statement[] DerivedDeletes =
        [.. ((string[])["conversation_orders", "handoffs", "surveys", "feedback"]).Select(table => new Statement($"DELETE FROM {table} WHERE conversation_id = @conversation_id", "conversation_id"))];

    private static readonly Statement OrderInsert = ChildInsert("conversation_orders", "order_number", "ON CONFLICT DO NOTHING");

    private static readonly Statement HandoffUpsert = ChildInsert("handoffs", "seq, " + HandoffColumns, $"ON CONFLICT (conversation_id, seq) DO UPDATE SET {Updates(HandoffColumns)}");

    private static readonly Statement EarlierSurveyDelete = new(
        "DELETE FROM surveys WHERE conversation_id = @conversation_id AND COALESCE(handoff_seq, -1) = @handoff_seq", "conversation_id, handoff_seq");

    private static readonly Statement SurveyInsert = ChildInsert("surveys", SurveyColumns, "ON CONFLICT DO NOTHING");

    private static readonly Statement FeedbackInsert = ChildInsert("feedback", FeedbackColumns, "ON CONFLICT DO NOTHING");

    // The customer is the ticket's conversation's when the caller does not know it (the ticket store keeps no user id).
    private static readonly Statement TicketUpsert = new(
        $"INSERT INTO tickets (id, {TicketColumns}) VALUES (@id, " +
        Parameters(TicketColumns).Replace("@customer_id", "COALESCE(@customer_id, (SELECT customer_id FROM conversations WHERE id = @conversation_id))", StringComparison.Ordinal) +
        $") ON CONFLICT (id) DO UPDATE SET {Updates(TicketColumns)}", "id, " + TicketColumns);

    // Per provider: raw_json's value is the provider's expression of its bytes.
    private readonly Statement _activityInsert = ChildInsert("activities", ActivityColumns, "ON CONFLICT DO NOTHING",
        values => values.Replace("@raw_json", textFromUtf8("@raw_json"), StringComparison.Ordinal));

    private readonly Dictionary<Statement, RowCommand> _commands = [];

    public async Task ConversationAsync(ArchivedConversation c, DateTimeOffset now, CancellationToken ct)
    {
        await Command(ConversationUpsert).RunAsync(ct,
            c.Id, c.Channel, c.Language, c.CustomerId, c.CustomerName, c.StartedAt, c.LastActivityAt, c.ClosedAt, c.CustomerMessages, c.BotMessages,
            c.AgentMessages, c.FirstCustomerText, c.LastCustomerAt, c.LastCustomerIntent, c.LastCustomerUnanswered,
            c.LastCustomerMisunderstood, c.Handoffs, c.ArchivedSeq, now);
    }

    public async Task ActivitiesAsync(string conversationId, IEnumerable<ArchivedActivity> activities, CancellationToken ct)
    {
        var command = Command(_activityInsert);
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
    public async Task BotFirstResponseAsync(string conversationId, IEnumerable<ArchivedActivity> written, CancellationToken ct)
    {
        if (!written.Any(a => a is { Role: ArchiveRoles.Bot, Type: ActivityTypes.Message }))
        {
            return;
        }

        await Command(BotFirstResponseUpdate).RunAsync(ct, conversationId);
    }

    /// <summary>
    /// Keeps conversations.came_back true to its meaning (Sql/sqlite/003-comeback-and-customer-messages.sql) after a
    /// write of <paramref name="c"/>, in its transaction: the conversation came back once a later engaged conversation of
    /// its customer starts within the window after its last activity (which only grows), and, when this write made it
    /// engaged, the customer's earlier conversations whose window it starts in came back. A few index lookups in the
    /// customer's conversations. On PostgreSQL the caller holds the customer's lock, so two writes of one customer's
    /// conversations cannot each miss the other's uncommitted row.
    /// </summary>
    public async Task ComebackAsync(ArchivedConversation c, bool becameEngaged, CancellationToken ct)
    {
        await Command(OwnComeback).RunAsync(ct, c.Id, c.CustomerId, c.StartedAt, c.LastActivityAt);
        if (becameEngaged)
        {
            await Command(EarlierComebacks).RunAsync(ct, c.CustomerId, c.StartedAt);
        }
    }

    /// <summary>The tables derived from the log (all but activities, which only grow), emptied for the conversation.</summary>
    public async Task ClearDerivedAsync(string conversationId, CancellationToken ct)
    {
        foreach (var delete in DerivedDeletes)
        {
            await Command(delete).RunAsync(ct, conversationId);
        }
    }

    public async Task OrdersAsync(string conversationId, IEnumerable<string> orders, CancellationToken ct)
    {
        var command = Command(OrderInsert);
        foreach (var order in orders)
        {
            await command.RunAsync(ct, conversationId, order);
        }
    }

    public async Task HandoffsAsync(string conversationId, IEnumerable<ArchivedHandoff> handoffs, CancellationToken ct)
    {
        var command = Command(HandoffUpsert);
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
    public async Task SurveysAsync(string conversationId, IReadOnlyList<ArchivedSurvey> surveys, bool replacing, CancellationToken ct)
    {
        if (replacing && surveys.Count > 0)
        {
            var earlier = Command(EarlierSurveyDelete);
            foreach (var s in surveys)
            {
                await earlier.RunAsync(ct, conversationId, s.HandoffSeq ?? -1);
            }
        }

        var command = Command(SurveyInsert);
        foreach (var s in surveys)
        {
            await command.RunAsync(ct, conversationId, s.Seq, s.HandoffSeq, s.AgentId, s.AnsweredAt, s.Rating, s.Nps, s.Comment);
        }
    }

    public async Task FeedbackAsync(string conversationId, IEnumerable<ArchivedFeedback> feedback, CancellationToken ct)
    {
        var command = Command(FeedbackInsert);
        foreach (var f in feedback)
        {
            await command.RunAsync(ct, conversationId, f.Seq, f.AnsweredAt, f.Intent, f.Helped, f.UtteranceId);
        }
    }

    public async Task TicketAsync(ArchivedTicket t, CancellationToken ct)
    {
        await Command(TicketUpsert).RunAsync(ct, t.Id, t.ConversationId, t.CustomerId, t.Language, t.Reason, t.OpenedAt, t.ClosedAt, t.ClosedBy);
    }

    /// <summary>A statement run in this transaction, its values bound in the statement's columns' order.</summary>
    public Task<int> RunAsync(Statement statement, CancellationToken ct, params object?[] values) => Command(statement).RunAsync(ct, values);

    /// <summary>A query run in this transaction, its values bound in the statement's columns' order.</summary>
    public Task<DbDataReader> ReadAsync(Statement statement, CancellationToken ct, params object?[] values) => Command(statement).ReadAsync(ct, values);

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }

    private RowCommand Command(Statement statement)
    {
        if (!_commands.TryGetValue(statement, out var command))
        {
            _commands[statement] = command = new RowCommand(connection, tx, statement);
        }

        return command;
    }

    /// <summary>
    /// An insert into a table of the conversation's rows: conversation_id first, then <paramref name="columns"/>, each
    /// from its parameter or from what <paramref name="values"/> makes of the parameters' list.
    /// </summary>
    private static Statement ChildInsert(string table, string columns, string onConflict, Func<string, string>? values = null) =>
        new($"INSERT INTO {table} (conversation_id, {columns}) VALUES (@conversation_id, {(values ?? (v => v))(Parameters(columns))}) {onConflict}",
            "conversation_id, " + columns);

    private static IEnumerable<string> Names(string columns) => columns.Split(',', StringSplitOptions.TrimEntries);

    private static string Parameters(string columns) => string.Join(", ", Names(columns).Select(c => "@" + c));

    private static string Updates(string columns) => string.Join(", ", Names(columns).Select(c => $"{c} = excluded.{c}"));

    /// <summary>A statement's text and its parameters' names (@column), in the order its values come.</summary>
    internal sealed class Statement(string sql, string columns)
    {
        public string Sql { get; } = sql;

        public string[] Parameters { get; } = [.. Names(columns).Select(name => "@" + name)];
    }

    /// <summary>One statement with a parameter per column (named @column), run once per row with that row's values in column order.</summary>
    private sealed class RowCommand : IAsyncDisposable
    {
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;

        public RowCommand(DbConnection connection, DbTransaction? tx, Statement statement)
        {
            _command = ArchiveSql.Command(connection, tx, statement.Sql);
            _parameters = [.. statement.Parameters.Select(name => ArchiveSql.Add(_command, name, null))];
        }

        public Task<int> RunAsync(CancellationToken ct, params object?[] values)
        {
            Bind(values);
            return _command.ExecuteNonQueryAsync(ct);
        }

        public Task<DbDataReader> ReadAsync(CancellationToken ct, params object?[] values)
        {
            Bind(values);
            return _command.ExecuteReaderAsync(ct);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();

        private void Bind(object?[] values)
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                _parameters[i].Value = ArchiveSql.Value(values[i]);
            }
        }
    }
}

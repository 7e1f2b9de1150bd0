using System.Data.Common;

namespace SupportBot.Insights.Archive;

/// <summary>The archive's upserts, one per table; the same SQL on SQLite and PostgreSQL (ON CONFLICT is in both).</summary>
internal static class ArchiveWrites
{
    private const string ConversationColumns =
        "channel, language, customer_id, customer_name, started_at_ms, last_activity_at_ms, closed_at_ms, customer_messages, bot_messages, " +
        "agent_messages, first_customer_text, last_customer_at_ms, last_customer_intent, last_customer_unanswered, " +
        "last_customer_misunderstood, handoffs, archived_seq, archived_at_ms";

    private const string HandoffColumns =
        "reason, intent, language, skill, requested_at_ms, picked_up_at_ms, agent_id, agent_name, first_agent_id, transfers, " +
        "first_agent_reply_at_ms, ended_at_ms, outcome, resolution_intent, tags";

    public static async Task ConversationAsync(DbConnection connection, DbTransaction tx, ArchivedConversation c, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = ArchiveSql.Command(connection, tx,
            $"INSERT INTO conversations (id, {ConversationColumns}) VALUES (@id, {Parameters(ConversationColumns)}) " +
            $"ON CONFLICT (id) DO UPDATE SET {Updates(ConversationColumns)}");
        ArchiveSql.Add(command, "@id", c.Id);
        Fill(command, ConversationColumns,
            c.Channel, c.Language, c.CustomerId, c.CustomerName, c.StartedAt, c.LastActivityAt, c.ClosedAt, c.CustomerMessages, c.BotMessages,
            c.AgentMessages, c.FirstCustomerText, c.LastCustomerAt, c.LastCustomerIntent, c.LastCustomerUnanswered,
            c.LastCustomerMisunderstood, c.Handoffs, c.ArchivedSeq, now);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task ActivitiesAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedActivity> activities, CancellationToken ct)
    {
        const string columns = "seq, id, timestamp_ms, role, from_id, from_name, type, name, text, intent, confidence, ambiguous, language, reply_to_id, raw_json";
        foreach (var a in activities)
        {
            await using var command = ArchiveSql.Command(connection, tx,
                $"INSERT INTO activities (conversation_id, {columns}) VALUES (@conversation, {Parameters(columns)}) ON CONFLICT DO NOTHING");
            ArchiveSql.Add(command, "@conversation", conversationId);
            Fill(command, columns, a.Seq, a.Id, a.Timestamp, a.Role, a.FromId, a.FromName, a.Type, a.Name, a.Text, a.Intent, a.Confidence,
                a.Ambiguous, a.Language, a.ReplyToId, a.RawJson);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The tables derived from the log (all but activities, which only grow), emptied for the conversation.</summary>
    public static async Task ClearDerivedAsync(DbConnection connection, DbTransaction tx, string conversationId, CancellationToken ct)
    {
        foreach (var table in (string[])["conversation_orders", "handoffs", "surveys", "feedback"])
        {
            await using var command = ArchiveSql.Command(connection, tx, $"DELETE FROM {table} WHERE conversation_id = @conversation");
            ArchiveSql.Add(command, "@conversation", conversationId);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task OrdersAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<string> orders, CancellationToken ct)
    {
        foreach (var order in orders)
        {
            await using var command = ArchiveSql.Command(connection, tx,
                "INSERT INTO conversation_orders (conversation_id, order_number) VALUES (@conversation, @order) ON CONFLICT DO NOTHING");
            ArchiveSql.Add(command, "@conversation", conversationId);
            ArchiveSql.Add(command, "@order", order);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task HandoffsAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedHandoff> handoffs, CancellationToken ct)
    {
        foreach (var h in handoffs)
        {
            await using var command = ArchiveSql.Command(connection, tx,
                $"INSERT INTO handoffs (conversation_id, seq, {HandoffColumns}) VALUES (@conversation, @seq, {Parameters(HandoffColumns)}) " +
                $"ON CONFLICT (conversation_id, seq) DO UPDATE SET {Updates(HandoffColumns)}");
            ArchiveSql.Add(command, "@conversation", conversationId);
            ArchiveSql.Add(command, "@seq", h.Seq);
            Fill(command, HandoffColumns, h.Reason, h.Intent, h.Language, h.Skill, h.RequestedAt, h.PickedUpAt, h.AgentId, h.AgentName,
                h.FirstAgentId, h.Transfers, h.FirstAgentReplyAt, h.EndedAt, h.Outcome, h.ResolutionIntent, ArchiveSql.Tags(h.Tags));
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task SurveysAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedSurvey> surveys, CancellationToken ct)
    {
        const string columns = "seq, handoff_seq, agent_id, answered_at_ms, rating, nps, comment";
        foreach (var s in surveys)
        {
            await using var command = ArchiveSql.Command(connection, tx,
                $"INSERT INTO surveys (conversation_id, {columns}) VALUES (@conversation, {Parameters(columns)}) ON CONFLICT DO NOTHING");
            ArchiveSql.Add(command, "@conversation", conversationId);
            Fill(command, columns, s.Seq, s.HandoffSeq, s.AgentId, s.AnsweredAt, s.Rating, s.Nps, s.Comment);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task FeedbackAsync(DbConnection connection, DbTransaction tx, string conversationId, IEnumerable<ArchivedFeedback> feedback, CancellationToken ct)
    {
        const string columns = "seq, answered_at_ms, intent, helped, utterance_id";
        foreach (var f in feedback)
        {
            await using var command = ArchiveSql.Command(connection, tx,
                $"INSERT INTO feedback (conversation_id, {columns}) VALUES (@conversation, {Parameters(columns)}) ON CONFLICT DO NOTHING");
            ArchiveSql.Add(command, "@conversation", conversationId);
            Fill(command, columns, f.Seq, f.AnsweredAt, f.Intent, f.Helped, f.UtteranceId);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task TicketAsync(DbConnection connection, ArchivedTicket t, CancellationToken ct)
    {
        const string columns = "conversation_id, customer_id, language, reason, opened_at_ms, closed_at_ms, closed_by";
        // The customer is the ticket's conversation's when the caller does not know it (the ticket store keeps no user id).
        var values = Parameters(columns).Replace("@customer_id", "COALESCE(@customer_id, (SELECT customer_id FROM conversations WHERE id = @conversation_id))", StringComparison.Ordinal);
        await using var command = ArchiveSql.Command(connection, null,
            $"INSERT INTO tickets (id, {columns}) VALUES (@id, {values}) ON CONFLICT (id) DO UPDATE SET {Updates(columns)}");
        ArchiveSql.Add(command, "@id", t.Id);
        Fill(command, columns, t.ConversationId, t.CustomerId, t.Language, t.Reason, t.OpenedAt, t.ClosedAt, t.ClosedBy);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<string> Names(string columns) => columns.Split(',', StringSplitOptions.TrimEntries);

    private static string Parameters(string columns) => string.Join(", ", Names(columns).Select(c => "@" + c));

    private static string Updates(string columns) => string.Join(", ", Names(columns).Select(c => $"{c} = excluded.{c}"));

    private static void Fill(DbCommand command, string columns, params object?[] values)
    {
        foreach (var (name, value) in Names(columns).Zip(values))
        {
            ArchiveSql.Add(command, "@" + name, value);
        }
    }
}

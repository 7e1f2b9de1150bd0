namespace SupportBot.Insights.Figures;

/// <summary>
/// The SQL of the figures, one text for SQLite and PostgreSQL alike (the archive's schema keeps times as Unix
/// milliseconds and flags as 0/1 on both, so CASE sums, integer division and window functions read the same).
/// Every query starts from the range's conversations (alias c) and joins the rest by conversation id.
/// </summary>
internal static class FigureSql
{
    public const long DayMs = 24L * 60 * 60 * 1000;

    public const string ByDay = "c.started_at_ms / 86400000";

    public const string ByLanguage = "c.language";

    private const string Engaged = "c.customer_messages > 0";
    private const string KeptByBot = Engaged + " AND c.handoffs = 0";
    private const string LeftBadly = "(c.last_customer_unanswered = 1 OR c.last_customer_misunderstood = 1)";

    // Kept by the archive's writes (Archive.Comeback).
    private const string CameBack = "c.came_back = 1";

    /// <summary>Columns: group, conversations, engaged, kept by the bot (naive), left badly, came back, escalated.</summary>
    public static string Conversations(string where, string? group) => $"""
        SELECT {group ?? "0"} AS g, COUNT(*),
            SUM(CASE WHEN {Engaged} THEN 1 ELSE 0 END),
            SUM(CASE WHEN {KeptByBot} THEN 1 ELSE 0 END),
            SUM(CASE WHEN {KeptByBot} AND {LeftBadly} THEN 1 ELSE 0 END),
            SUM(CASE WHEN {KeptByBot} AND NOT {LeftBadly} AND {CameBack} THEN 1 ELSE 0 END),
            SUM(CASE WHEN c.handoffs > 0 THEN 1 ELSE 0 END)
        FROM conversations c WHERE {where}{(group is null ? "" : $" GROUP BY {group}")}
        """;

    /// <summary>The range's hand-offs, one row each (the summary tallies them, <see cref="HandoffTally"/>). Columns: reason,
    /// outcome, transfers, requested, picked up, first agent reply, ended.</summary>
    public static string HandoffRows(string where) => $"""
        SELECT h.reason, h.outcome, h.transfers, h.requested_at_ms, h.picked_up_at_ms, h.first_agent_reply_at_ms, h.ended_at_ms
        FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE {where}
        """;

    /// <summary>A hand-off an agent took and that has ended: its handle time is from pickup to the end.</summary>
    public const string Handled = "h.picked_up_at_ms IS NOT NULL AND h.ended_at_ms IS NOT NULL";

    public const string HandoffsFrom = "handoffs h JOIN conversations c ON c.id = h.conversation_id";

    public const string ConversationsFrom = "conversations c";

    /// <summary>Columns: group, responses, satisfied (4-5), rating sum, NPS answers, promoters (9-10), detractors (0-6).</summary>
    public static string Surveys(string where, string? group) => $"""
        SELECT {group ?? "0"} AS g, COUNT(*),
            SUM(CASE WHEN s.rating >= 4 THEN 1 ELSE 0 END),
            SUM(s.rating),
            SUM(CASE WHEN s.nps IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN s.nps >= 9 THEN 1 ELSE 0 END),
            SUM(CASE WHEN s.nps <= 6 THEN 1 ELSE 0 END)
        FROM surveys s JOIN conversations c ON c.id = s.conversation_id WHERE {where}{(group is null ? "" : $" GROUP BY {group}")}
        """;

    /// <summary>The non-null values of <paramref name="value"/> over the rows of <paramref name="from"/> that match (percentiles are taken from them).</summary>
    public static string Values(string value, string from, string where) =>
        $"SELECT d.v FROM (SELECT {value} AS v FROM {from} WHERE {where}) d WHERE d.v IS NOT NULL";

    // Conversations first (CROSS JOIN fixes SQLite's join order; PostgreSQL plans it alike) and COALESCE(a.intent, ...)
    // on purpose: both keep the planner off the intent index, which would read every archived message of an intent
    // for all time, where the range's conversations read only theirs, from the customer messages' own index.

    /// <summary>
    /// Columns: intent, topic, messages, "did you mean" questions: the range's classified customer messages by intent,
    /// in one pass for the messages and the misunderstood columns alike. The topic is given for out-of-scope messages
    /// only: the intent of the customer's last understood message before it (null before any), the topic they were on
    /// when the bot did not understand them. Misunderstandings before any topic count in the summary only.
    /// </summary>
    public static string IntentMessages(string where) => $"""
        SELECT m.intent, m.topic, COUNT(*), SUM(m.ambiguous) FROM (
            SELECT a.intent,
                CASE WHEN a.intent = 'out_of_scope' THEN (SELECT p.intent FROM activities p
                    WHERE p.conversation_id = a.conversation_id AND p.seq < a.seq AND p.role = 'customer' AND p.type = 'message'
                        AND p.intent IS NOT NULL AND p.intent <> 'out_of_scope'
                    ORDER BY p.seq DESC LIMIT 1) END AS topic,
                CASE WHEN a.ambiguous = 1 THEN 1 ELSE 0 END AS ambiguous
            FROM conversations c CROSS JOIN activities a
            WHERE a.conversation_id = c.id AND {where} AND a.role = 'customer' AND a.type = 'message' AND COALESCE(a.intent, '') <> '') m
        GROUP BY m.intent, m.topic
        """;

    /// <summary>Columns: intent, helped yes, helped no.</summary>
    public static string IntentFeedback(string where) => $"""
        SELECT f.intent, SUM(f.helped), SUM(1 - f.helped)
        FROM feedback f JOIN conversations c ON c.id = f.conversation_id WHERE {where} GROUP BY f.intent
        """;

    public static string IntentEscalations(string where) =>
        $"SELECT h.intent, COUNT(*) FROM {HandoffsFrom} WHERE {where} AND h.intent IS NOT NULL GROUP BY h.intent";

    /// <summary>Columns: agent id, name, chats, closed, handle ms sum, handled, first response ms sum, first responses.</summary>
    public static string Agents(string where) => $"""
        SELECT h.agent_id, MAX(h.agent_name), COUNT(*),
            SUM(CASE WHEN h.outcome = 'closed' THEN 1 ELSE 0 END),
            SUM(CASE WHEN {Handled} THEN h.ended_at_ms - h.picked_up_at_ms ELSE 0 END),
            SUM(CASE WHEN {Handled} THEN 1 ELSE 0 END),
            SUM(CASE WHEN h.first_agent_reply_at_ms IS NOT NULL THEN h.first_agent_reply_at_ms - h.picked_up_at_ms ELSE 0 END),
            SUM(CASE WHEN h.first_agent_reply_at_ms IS NOT NULL THEN 1 ELSE 0 END)
        FROM {HandoffsFrom} WHERE {where} AND h.agent_id IS NOT NULL GROUP BY h.agent_id
        """;

    public static string AgentSurveys(string where) => Surveys(where + " AND s.agent_id IS NOT NULL", "s.agent_id");

    /// <summary>Tickets opened in the range (by their own date; the language and channel of their conversation when known).</summary>
    public const string TicketsFrom = "tickets t LEFT JOIN conversations c ON c.id = t.conversation_id";

    public static string Tickets(string where) => $"""
        SELECT COUNT(*), SUM(CASE WHEN t.closed_at_ms IS NULL THEN 1 ELSE 0 END) FROM {TicketsFrom} WHERE {where}
        """;
}

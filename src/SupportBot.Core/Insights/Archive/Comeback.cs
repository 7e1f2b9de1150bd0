namespace SupportBot.Insights.Archive;

/// <summary>
/// "Came back": the customer started another engaged conversation soon after this one, so its problem was not
/// solved. The archive's writes keep it in conversations.came_back (<see cref="ArchiveWrites.ComebackAsync"/>), the
/// upgrade and retention recompute it from <see cref="After"/>, and the figures read the column.
/// </summary>
internal static class Comeback
{
    /// <summary>A customer who starts another conversation this soon after one's last activity came back.</summary>
    public const long WindowMs = 72L * 60 * 60 * 1000;

    /// <summary>
    /// Whether the customer of conversation <paramref name="of"/> (an alias) came back: another engaged conversation of
    /// theirs started after this one (so not this one) and within the window after its last activity. Deliberately not
    /// limited to a range.
    /// </summary>
    public static string After(string of) => $"""
        EXISTS (SELECT 1 FROM conversations n WHERE n.customer_id = {of}.customer_id
            AND n.started_at_ms > {of}.started_at_ms AND n.started_at_ms <= {of}.last_activity_at_ms + {WindowMs}
            AND n.customer_messages > 0)
        """;
}

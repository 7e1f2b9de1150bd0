namespace SupportBot.Conversations;

/// <summary>
/// A turn handed out to run: its activity as logged. <paramref name="Resumed"/> if it was handed out before and
/// never marked done (its run was cut short), so its replies may be in the log already.
/// </summary>
public sealed record PendingTurn(string ConversationId, long Sequence, string Json, bool Resumed)
{
    public LoggedActivity Activity => new(ConversationId, Sequence, Json);
}

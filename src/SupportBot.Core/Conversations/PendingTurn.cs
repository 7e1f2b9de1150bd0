namespace SupportBot.Conversations;

/// <summary>
/// A turn handed out to run: its activity as logged. <paramref name="Resumed"/> if it was handed out before and
/// never marked done (its run was cut short), so its replies may be in the log already. <paramref name="Json"/> is
/// "" for a turn handed out to the process that has just appended its activity (see
/// <see cref="IConversationLog.TryStartPendingTurnsAsync"/>): it was not read back. <paramref name="Preload"/> is what
/// the store read for the turn as it handed it out (null where it reads nothing ahead).
/// </summary>
public sealed record PendingTurn(string ConversationId, long Sequence, string Json, bool Resumed, TurnPreload? Preload = null)
{
    public LoggedActivity Activity => new(ConversationId, Sequence, Json);

    public bool IsRead => Json.Length > 0;
}

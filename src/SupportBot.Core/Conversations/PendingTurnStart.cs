namespace SupportBot.Conversations;

/// <summary>
/// What <see cref="IConversationLog.TryStartPendingTurnsAsync"/> found: whether the turn lock was taken under the
/// caller's token, and if so the first pending turn (null if none was left, in which case the store let go of the
/// lock again, <paramref name="Released"/>).
/// </summary>
public sealed record PendingTurnStart(bool Locked, PendingTurn? Turn, bool Released)
{
    public static readonly PendingTurnStart Busy = new(false, null, false);
}

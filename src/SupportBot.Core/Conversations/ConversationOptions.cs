namespace SupportBot.Conversations;

public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>How long a conversation's activity log and uploads are kept after its last activity.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a turn's lock on its conversation lasts if it is never released (its process died). Far above the
    /// longest turn: a few Redis calls and order lookups, each bounded by the client's 5 s timeout.
    /// </summary>
    public TimeSpan TurnLockLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a turn waits for the conversation's previous turn before the customer is asked to send the message again.</summary>
    public TimeSpan TurnLockWait { get; set; } = TimeSpan.FromSeconds(10);
}

namespace SupportBot.Conversations;

public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>How long a conversation's activity log and uploads are kept after its last activity.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a turn's lease on its conversation lasts unless renewed. The holder renews it every third of this
    /// while its turn runs, so only a dead holder (killed, or cut off from Redis) lets it lapse: short, so such a
    /// conversation is blocked for a few seconds at most.
    /// </summary>
    public TimeSpan TurnLockLease { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a customer's request waits for its turn (the conversation's earlier turns run first). Past it the
    /// request is answered anyway, the customer is told the answer is delayed, and the turn runs when it can.
    /// </summary>
    public TimeSpan TurnLockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long what the bot or an agent says in an /api/messages conversation may wait for its channel's connector
    /// before any server process's sweep sends it (again): longer than the connector retries take, so a live
    /// delivery is seldom doubled. Also the first back-off after a send failed past its retries; it doubles per failure.
    /// </summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between sweeps of a conversation whose connector keeps failing.</summary>
    public static readonly TimeSpan LongestRedeliveryBackoff = TimeSpan.FromMinutes(30);

    /// <summary>Renewals of the lease come this often: three chances before it lapses.</summary>
    public TimeSpan TurnLockRenewal => TurnLockLease / 3;

    /// <summary>How often each server process looks for pending turns nobody runs (their process died, or Redis went away mid-turn).</summary>
    public TimeSpan RecoveryInterval => TurnLockRenewal;

    /// <summary>
    /// How long a turn stays pending before any process may run it as stranded (the turn lock still decides who):
    /// a live request takes the lock within milliseconds of storing its message, so half a lease is ample.
    /// </summary>
    public TimeSpan RecoverAfter => TurnLockLease / 2;

    /// <summary>Null if the options are usable, else what is wrong (checked on start).</summary>
    public string? Problem() =>
        Ttl <= TimeSpan.Zero ? "Conversations:Ttl must be positive."
        : TurnLockLease < TimeSpan.FromSeconds(1) || TurnLockLease > TimeSpan.FromMinutes(1) ? "Conversations:TurnLockLease must be between 1 second and 1 minute."
        : TurnLockWait <= TimeSpan.Zero ? "Conversations:TurnLockWait must be positive."
        : RedeliverAfter <= TimeSpan.Zero || RedeliverAfter > LongestRedeliveryBackoff ? "Conversations:RedeliverAfter must be positive and at most 30 minutes."
        : null;
}

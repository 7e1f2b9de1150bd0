namespace SupportBot.Conversations;

/// <summary>
/// A held turn lock; disposing it releases the lock. The store of pending turns may release it together with the
/// conversation's last pending turn (<see cref="IConversationLog.NextPendingTurnAsync"/>): one round trip fewer.
/// </summary>
public interface ITurnLease : IAsyncDisposable
{
    /// <summary>What the lease is known by in the shared store; "" for a lock that lives in this process only.</summary>
    string Token { get; }

    /// <summary>The store released the lease already: disposing now only lets go of it in this process.</summary>
    void ReleasedByStore();
}

namespace SupportBot.Conversations;

/// <summary>
/// One turn at a time per conversation, so two quick messages from one customer (perhaps on two server processes)
/// do not race for the same state: the in-process <see cref="MemoryTurnLock"/> without Redis, a Redis lease with it.
/// </summary>
public interface ITurnLock
{
    /// <summary>
    /// Waits until no other turn of the conversation runs, at most Conversations:TurnLockWait, then throws
    /// <see cref="TurnLockTimeoutException"/>. Disposing the result releases the lock.
    /// </summary>
    Task<ITurnLease> AcquireAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The lock, or null if another turn still held it after <paramref name="wait"/> (zero: try once).</summary>
    Task<ITurnLease?> TryAcquireAsync(string conversationId, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>
    /// As the overload without <paramref name="firstAttempt"/>, but a lock kept in a shared store makes its first
    /// attempt through it (given the lease's token; true if it took the lock, false if another turn holds it), so
    /// the caller can do other work in the same round trip. A lock in this process only never calls it.
    /// </summary>
    Task<ITurnLease?> TryAcquireAsync(string conversationId, TimeSpan wait, Func<string, Task<bool>> firstAttempt, CancellationToken cancellationToken) =>
        TryAcquireAsync(conversationId, wait, cancellationToken);
}

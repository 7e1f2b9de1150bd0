namespace SupportBot.Handoff.Queue;

/// <summary>
/// Only one process at a time runs the <see cref="QueuePolicy"/>, so a customer hears their new place once, not
/// once per process, and two processes never auto-assign the same moment's queue.
/// </summary>
public interface IQueueLease
{
    /// <summary>Takes the lease when nobody holds it, renews it when this process does; true while this process holds it.</summary>
    Task<bool> HoldAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up (on shutdown), so another process takes over at its next pass rather than after the lease time.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken = default);
}

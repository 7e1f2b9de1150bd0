namespace SupportBot.Handoff.Queue;

/// <summary>The lease of a single process: with in-memory stores there is no other process to share the queue with.</summary>
public sealed class MemoryQueueLease : IQueueLease
{
    public Task<bool> HoldAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task ReleaseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}

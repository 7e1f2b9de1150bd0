using SupportBot.Conversations;
using SupportBot.Metrics;

namespace SupportBot.Web.Archive;

/// <summary>The archive lag /metrics reports: how long the oldest activity on the archive queue has waited.</summary>
public sealed class ArchiveQueueLag(IArchiveQueue queue) : IArchiveLag
{
    public async Task<double?> OldestUnarchivedSecondsAsync(CancellationToken cancellationToken = default) =>
        (await queue.LagAsync(cancellationToken)).TotalSeconds;
}

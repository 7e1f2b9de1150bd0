namespace SupportBot.Metrics;

/// <summary>
/// How far the conversation archive is behind Redis: what /metrics reports as the archive lag. The archive's worker
/// provides the real one; until it is registered, <see cref="NoArchiveLag"/> says there is nothing to report.
/// </summary>
public interface IArchiveLag
{
    /// <summary>Age in seconds of the oldest activity not yet archived: 0 when all is archived, null when unknown.</summary>
    Task<double?> OldestUnarchivedSecondsAsync(CancellationToken cancellationToken = default);
}

/// <summary>No archive: the lag gauge is left out of the scrape rather than reported as zero.</summary>
public sealed class NoArchiveLag : IArchiveLag
{
    public Task<double?> OldestUnarchivedSecondsAsync(CancellationToken cancellationToken = default) => Task.FromResult<double?>(null);
}

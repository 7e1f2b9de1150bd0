using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Insights.Archive;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.Archive;

/// <summary>
/// The archive worker every process runs: the schema first (retried until the archive answers), then each tick a
/// pass of <see cref="ArchiveWriter"/>, once a minute the tickets, and once an hour the retention sweep, all on the
/// worker's own niced thread (<see cref="ArchiveThread"/>, Archive:WorkerNice). With Archive:Enabled or Archive:Worker off
/// it does nothing (with the worker off another process copies this one's conversations).
/// </summary>
public sealed class ArchiveSweep(
    ArchiveWriter writer, TicketArchiving tickets, IConversationArchive archive, IOptions<ArchiveOptions> archiveOptions, TimeProvider clock,
    IOptions<ConversationOptions> options, ILogger<ArchiveSweep> logger) : PeriodicSweep(clock, options, logger)
{
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan TicketInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset _nextTickets = DateTimeOffset.MinValue;
    private bool _migrated;
    private DateTimeOffset _nextRetention = DateTimeOffset.MinValue;
    private ArchiveThread? _thread;

    protected override string LookingFor => "conversations to archive";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Every process with the archive on brings the schema up to date, as it reads the archive (history, insights)
        // whether or not it runs the worker.
        if (archiveOptions.Value.Enabled)
        {
            await MigrateAsync(cancellationToken);
        }

        if (archiveOptions.Value is { Enabled: true, Worker: true })
        {
            await base.StartAsync(cancellationToken);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nice = archiveOptions.Value.WorkerNice;
        _thread = new ArchiveThread("archive-worker", nice);
        if (nice > 0 && OperatingSystem.IsLinux() && _thread.AppliedNice is null)
        {
            logger.LogWarning("The archive worker's thread could not be niced to {Nice} (Archive:WorkerNice); it competes with turns as an equal", nice);
        }

        return _thread.RunAsync(() => base.ExecuteAsync(stoppingToken));
    }

    public override void Dispose()
    {
        base.Dispose();
        _thread?.Dispose();
    }

    public override async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (!_migrated && !await MigrateAsync(cancellationToken))
        {
            return;
        }

        while (await writer.PassAsync(cancellationToken) >= archiveOptions.Value.ConversationsPerPass)
        {
            // a full pass: more is likely queued
        }

        if (Clock.GetUtcNow() >= _nextTickets)
        {
            _nextTickets = Clock.GetUtcNow() + TicketInterval;
            try
            {
                await tickets.SyncAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException e)
            {
                logger.LogWarning(e, "The archive is away; tickets are copied again in {Interval}", TicketInterval);
            }
        }

        if (archiveOptions.Value.RetentionDays > 0 && Clock.GetUtcNow() >= _nextRetention)
        {
            _nextRetention = Clock.GetUtcNow() + RetentionInterval;
            await DeleteExpiredAsync(cancellationToken);
        }
    }

    /// <summary>Deletes the archived conversations past Archive:RetentionDays; the archive being away only postpones it.</summary>
    public async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var days = archiveOptions.Value.RetentionDays;
        try
        {
            var deleted = await archive.DeleteOlderThanAsync(Clock.GetUtcNow() - TimeSpan.FromDays(days), cancellationToken);
            if (deleted > 0)
            {
                logger.LogInformation("Deleted {Count} archived conversations older than {Days} days (Archive:RetentionDays)", deleted, days);
            }
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning(e, "The archive is away; the retention sweep runs again in {Interval}", RetentionInterval);
        }
    }

    private async Task<bool> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await archive.MigrateAsync(cancellationToken);
            _migrated = true;
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning(e, "The {Provider} archive is not reachable; conversations stay queued until it is", archive.Provider);
        }

        return _migrated;
    }
}

using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Web.Hosting;

/// <summary>
/// A worker every process runs every <see cref="ConversationOptions.RecoveryInterval"/>: one sweep a tick, and a store
/// that is away only postpones the next (what the sweep looks for stays in the store until then).
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock, IOptions<ConversationOptions> options, ILogger logger) : BackgroundService
{
    protected const int ConversationsPerSweep = 100;

    protected TimeProvider Clock { get; } = clock;

    protected ConversationOptions Options => options.Value;

    /// <summary>What a sweep looks for, for the log line when the store is away ("pending turns").</summary>
    protected abstract string LookingFor { get; }

    public abstract Task SweepAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Options.RecoveryInterval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (StoreFailures.IsTransient(e))
            {
                logger.LogDebug(e, "The store is away; {LookingFor} are looked for again in {Interval}", LookingFor, Options.RecoveryInterval);
            }
        }
    }
}

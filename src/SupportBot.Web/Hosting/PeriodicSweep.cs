using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Web.Hosting;

/// <summary>
/// A worker every process runs every <see cref="ConversationOptions.RecoveryInterval"/>: one sweep a tick, and a store
/// that is away only postpones the next (what the sweep looks for stays in the store until then). Any other failure
/// is logged as an error (once while it repeats) and the next tick sweeps again: a sweep that throws must not stop
/// the host, which is what a background service's unhandled exception does.
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock, IOptions<ConversationOptions> options, ILogger logger) : BackgroundService
{
    private string? _failing;

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
                if (_failing is not null)
                {
                    logger.LogInformation("The sweep for {LookingFor} works again", LookingFor);
                    _failing = null;
                }
            }
            catch (Exception e) when (StoreFailures.IsTransient(e))
            {
                logger.LogDebug(e, "The store is away; {LookingFor} are looked for again in {Interval}", LookingFor, Options.RecoveryInterval);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var failure = $"{e.GetType().FullName}: {e.Message}";
                if (failure == _failing)
                {
                    logger.LogDebug(e, "The sweep for {LookingFor} failed again; tried again in {Interval}", LookingFor, Options.RecoveryInterval);
                }
                else
                {
                    logger.LogError(e, "The sweep for {LookingFor} failed; tried again in {Interval}", LookingFor, Options.RecoveryInterval);
                    _failing = failure;
                }
            }
        }
    }
}

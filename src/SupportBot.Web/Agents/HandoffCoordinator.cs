using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;

namespace SupportBot.Web.Agents;

/// <summary>
/// Ticks the <see cref="QueuePolicy"/> on every <see cref="QueueSignal"/> and every few seconds, in this process
/// only while it holds the <see cref="IQueueLease"/>; and keeps this process's own agent connections present
/// (every process does that, lease or not).
/// </summary>
public sealed class HandoffCoordinator(
    QueueSignal signal,
    QueuePolicy policy,
    IQueueLease lease,
    IAgentPresence presence,
    AgentConnections connections,
    IOptions<AgentsOptions> agentsOptions,
    TimeProvider clock,
    ILogger<HandoffCoordinator> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);
    private DateTimeOffset _lastHeartbeat = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(Tick, stoppingToken);
            try
            {
                await HeartbeatAsync(stoppingToken);
                if (await lease.HoldAsync(stoppingToken))
                {
                    await policy.PassAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The hand-off queue pass failed; the next one retries.");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await lease.ReleaseAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // Not released, it expires by itself and another process takes over then.
            logger.LogWarning(e, "The queue lease could not be released.");
        }
    }

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastHeartbeat >= agentsOptions.Value.HeartbeatInterval)
        {
            _lastHeartbeat = now;
            await presence.RefreshAsync(connections.All, now, ct);
        }
    }
}

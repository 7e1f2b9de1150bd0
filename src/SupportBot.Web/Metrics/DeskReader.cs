using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Intents;
using SupportBot.Metrics;

namespace SupportBot.Web.Metrics;

/// <summary>
/// Reads the desk's gauges from the stores once a scrape, just before the exporter collects them: a few Redis
/// commands every scrape interval rather than any on the turn path. The queue and the agents are every process's.
/// </summary>
public sealed class DeskReader(
    IHandoffStore handoffs,
    IAgentPresence presence,
    IOptions<AgentsOptions> agents,
    IArchiveLag archive,
    IIntentClassifier classifier,
    SupportBotMetrics metrics,
    TimeProvider clock,
    ILogger<DeskReader> logger)
{
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var model = (classifier as IntentClassifier)?.Current.Card.Version;
        try
        {
            var waiting = handoffs.WaitingAsync(cancellationToken);
            var online = presence.OnlineAsync(clock.GetUtcNow(), agents.Value.PresenceTimeout, cancellationToken);
            var lag = archive.OldestUnarchivedSecondsAsync(cancellationToken);
            await Task.WhenAll(waiting, online, lag);
            metrics.Read(new DeskReading((await waiting).Count, (await online).Count, await lag, model));
        }
        catch (Exception e) when (StoreFailures.IsTransient(e))
        {
            // A stale queue length would look like a quiet desk: the store's gauges are left out until it answers.
            logger.LogWarning(e, "The store did not answer for /metrics; the desk's gauges are left out of this scrape");
            metrics.Read(new DeskReading(null, null, null, model));
        }
    }
}

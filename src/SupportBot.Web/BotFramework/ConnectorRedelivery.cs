using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// Sends what /api/messages conversations' connectors have not taken: replies whose process died before sending
/// them, and sends that failed past their retries, once their back-off is over. Every process runs this worker;
/// any of them may deliver any conversation (at least once), each in order through its <see cref="ConnectorOutbox"/>.
/// </summary>
public sealed class ConnectorRedelivery(
    IConversationLog log, ConnectorOutbox outbox, TimeProvider clock, IOptions<ConversationOptions> options,
    ILogger<ConnectorRedelivery> logger) : BackgroundService
{
    private const int ConversationsPerSweep = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (StoreFailures.IsTransient(e))
            {
                logger.LogDebug(e, "The store is away; undelivered replies are looked for again in {Interval}", options.Value.RecoveryInterval);
            }
        }
    }

    /// <summary>
    /// Delivers the conversations that are due, side by side: one slow or failing connector holds up no other (each
    /// one's failures are the outbox's to log and back off).
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var due = await log.ClaimUndeliveredAsync(ConversationsPerSweep, cancellationToken);
        foreach (var conversationId in due)
        {
            logger.LogInformation("Sending what the connector of conversation {ConversationId} has not taken", conversationId);
        }

        await Task.WhenAll(due.Select(outbox.DeliverAsync));
    }
}

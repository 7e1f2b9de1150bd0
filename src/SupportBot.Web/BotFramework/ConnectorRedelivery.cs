using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// Sends what /api/messages conversations' connectors have not taken: replies whose process died before sending
/// them, and sends that failed past their retries, once their back-off is over. Every process runs this worker;
/// any of them may deliver any conversation (at least once), each in order through its <see cref="ConnectorOutbox"/>.
/// </summary>
public sealed class ConnectorRedelivery(
    IConversationLog log, ConnectorOutbox outbox, TimeProvider clock, IOptions<ConversationOptions> options,
    ILogger<ConnectorRedelivery> logger) : PeriodicSweep(clock, options, logger)
{
    protected override string LookingFor => "undelivered replies";

    /// <summary>
    /// Delivers the conversations that are due, side by side: one slow or failing connector holds up no other (each
    /// one's failures are the outbox's to log and back off).
    /// </summary>
    public override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var due = await log.ClaimUndeliveredAsync(ConversationsPerSweep, cancellationToken);
        foreach (var conversationId in due)
        {
            logger.LogInformation("Sending what the connector of conversation {ConversationId} has not taken", conversationId);
        }

        await Task.WhenAll(due.Select(outbox.DeliverAsync));
    }
}

using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Runs the turns nobody is running: their process was killed, or Redis went away mid-turn. Every process runs
/// this worker; the turn lock is the claim, so a conversation whose turn another process holds is left to it.
/// </summary>
public sealed class PendingTurnRecovery(
    IConversationLog log, ConversationService conversations, TimeProvider clock, IOptions<ConversationOptions> options,
    ILogger<PendingTurnRecovery> logger) : PeriodicSweep(clock, options, logger)
{
    protected override string LookingFor => "pending turns";

    /// <summary>Runs the stranded turns of each conversation found, skipping those whose turn another holds.</summary>
    public override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var stranded = await log.ListPendingTurnsAsync(Clock.GetUtcNow() - Options.RecoverAfter, ConversationsPerSweep, cancellationToken);
        foreach (var conversationId in stranded)
        {
            try
            {
                if (await conversations.RunPendingAsync(conversationId, TimeSpan.Zero, cancellationToken))
                {
                    logger.LogInformation("Ran the stranded turns of conversation {ConversationId}", conversationId);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && !StoreFailures.IsTransient(e))
            {
                // One conversation's trouble must not stop the worker, which every other conversation relies on.
                logger.LogError(e, "Could not run the stranded turns of conversation {ConversationId}", conversationId);
            }
        }
    }
}

using System.Collections.Concurrent;
using SupportBot.Conversations;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// Sends what the bot and agents say in /api/messages conversations to their connector, in order within each
/// conversation and independently across conversations: one conversation's connector retrying or down delays only
/// that conversation. A delivery that fails after its retries is logged with the conversation, never dropped silently.
/// </summary>
public sealed class ConnectorOutbox(
    IConversationReferences references, ConnectorClient connector, ILogger<ConnectorOutbox> logger, IHostApplicationLifetime lifetime) : IChannelOutbox
{
    private readonly ConcurrentDictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _enqueueing = new();

    public void Enqueue(string conversationId, Activity activity)
    {
        if (!ChannelConversationIds.IsChannelKept(conversationId))
        {
            return;
        }

        lock (_enqueueing)
        {
            var previous = _tails.GetValueOrDefault(conversationId) ?? Task.CompletedTask;
            var next = previous.ContinueWith(_ => DeliverAsync(conversationId, activity), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _tails[conversationId] = next;
            _ = next.ContinueWith(_ => _tails.TryRemove(new(conversationId, next)), TaskScheduler.Default);
        }
    }

    /// <summary>Waits for everything queued so far to be delivered or given up on (tests; a stopping host).</summary>
    public Task DrainAsync() => Task.WhenAll(_tails.Values);

    private async Task DeliverAsync(string conversationId, Activity activity)
    {
        try
        {
            if (await references.GetAsync(conversationId, lifetime.ApplicationStopping) is not { } reference)
            {
                logger.LogError("Could not deliver activity {ActivityId} ({Type}) to conversation {ConversationId}: its conversation reference is gone", activity.Id, activity.Type, conversationId);
                return;
            }

            await connector.SendAsync(reference, activity, lifetime.ApplicationStopping);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not deliver activity {ActivityId} ({Type}) to conversation {ConversationId} through its connector", activity.Id, activity.Type, conversationId);
        }
    }
}

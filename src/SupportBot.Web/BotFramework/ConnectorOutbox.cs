using System.Collections.Concurrent;
using System.Text.Json;
using SupportBot.Conversations;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// Sends what the bot and agents say in /api/messages conversations to their connector, in order within each
/// conversation and independently across conversations: one conversation's connector retrying or down delays only
/// that conversation. The log is the outbox: each conversation keeps how far its connector has taken it, and a
/// delivery sends whatever is after that mark, so what a killed process had not sent yet is sent by the sweep
/// (<see cref="ConnectorRedelivery"/>) of any process, at least once. A send that fails past its retries is logged
/// with the conversation and tried again later, backing off.
/// </summary>
public sealed class ConnectorOutbox(
    IConversationLog log, IConversationReferences references, ConnectorClient connector, ILogger<ConnectorOutbox> logger,
    IHostApplicationLifetime lifetime) : IChannelOutbox
{
    private const int BatchSize = 50;

    private readonly ConcurrentDictionary<string, Task> _tails = new(StringComparer.Ordinal);

    // Conversations with a delivery queued here that has not started: it will send what is appended meanwhile too.
    private readonly ConcurrentDictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private readonly Lock _enqueueing = new();

    public void Enqueue(string conversationId, Activity activity)
    {
        if (ChannelConversationIds.IsChannelKept(conversationId))
        {
            _ = DeliverAsync(conversationId);
        }
    }

    /// <summary>Sends what the conversation's connector has not taken yet, behind whatever is queued for it here.</summary>
    public Task DeliverAsync(string conversationId)
    {
        lock (_enqueueing)
        {
            var previous = _tails.GetValueOrDefault(conversationId) ?? Task.CompletedTask;
            if (!_queued.TryAdd(conversationId, true))
            {
                return previous;
            }

            var next = previous.ContinueWith(
                _ =>
                {
                    _queued.TryRemove(conversationId, out var _);
                    return DeliverPendingAsync(conversationId);
                },
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _tails[conversationId] = next;
            _ = next.ContinueWith(_ => _tails.TryRemove(new(conversationId, next)), TaskScheduler.Default);
            return next;
        }
    }

    /// <summary>Waits for everything queued so far to be delivered or given up on (tests; a stopping host).</summary>
    public Task DrainAsync() => Task.WhenAll(_tails.Values);

    private async Task DeliverPendingAsync(string conversationId)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            var delivered = await log.GetDeliveredAsync(conversationId, stopping);
            var marked = delivered;
            ConversationReference? reference = null;
            IReadOnlyList<LoggedActivity> batch;
            do
            {
                batch = await log.ReadAsync(conversationId, delivered, BatchSize, stopping);
                foreach (var logged in batch)
                {
                    var activity = JsonSerializer.Deserialize(logged.Json, SchemaJson.Wire.Activity)!;
                    if (IsForCustomer(activity) && !await AnswersExpectRepliesAsync(conversationId, activity, batch, stopping))
                    {
                        reference ??= await references.GetAsync(conversationId, stopping);
                        var failure = reference is null ? null : await TrySendAsync(reference, activity, stopping);
                        if (IsRefused(failure))
                        {
                            // The connector will never take this one (a channel that does not accept an event, say):
                            // sending it again would hold up everything after it, so it is logged and passed over.
                            logger.LogError(
                                failure,
                                "The connector refused activity {ActivityId} ({Type}) of conversation {ConversationId}; it is not sent again",
                                activity.Id, activity.Type, conversationId);
                        }
                        else if (reference is null || failure is not null)
                        {
                            if (delivered > marked)
                            {
                                await log.MarkDeliveredAsync(conversationId, delivered, stopping); // what went before did go
                            }

                            await FailedAsync(conversationId, activity, failure);
                            return;
                        }
                    }

                    delivered = logged.Sequence;
                }

                await log.MarkDeliveredAsync(conversationId, delivered, stopping);
                marked = delivered;
            }
            while (batch.Count == BatchSize);
        }
        catch (ConversationNotFoundException)
        {
            await QuietlyAsync(() => log.MarkDeliveredAsync(conversationId, 0, CancellationToken.None)); // gone: off the index
        }
        catch (Exception e) when (StoreFailures.IsTransient(e) || e is OperationCanceledException)
        {
            // Still on the undelivered index: the sweep sends it once the store is back, by this process or the next.
            logger.LogWarning(e, "Delivery to conversation {ConversationId} waits for the store", conversationId);
        }
        catch (Exception e)
        {
            // Left on the index, so the sweep tries again; backed off, so it does not spin on what failed here.
            logger.LogError(e, "Could not deliver to conversation {ConversationId}; it is tried again later", conversationId);
            await QuietlyAsync(() => log.PostponeDeliveryAsync(conversationId, CancellationToken.None));
        }
    }

    /// <summary>A store call in a catch: if the store is away too, the sweep comes back to the conversation anyway.</summary>
    private static async Task QuietlyAsync(Func<Task> storeCall)
    {
        try
        {
            await storeCall();
        }
        catch (Exception e) when (StoreFailures.IsTransient(e))
        {
            // Nothing more to do: the conversation stays on the undelivered index.
        }
    }

    /// <summary>Null once the connector took the activity; else why not (after the client's retries).</summary>
    private async Task<Exception?> TrySendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendAsync(reference, activity, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }
    }

    private async Task FailedAsync(string conversationId, Activity activity, Exception? failure)
    {
        var failures = await log.PostponeDeliveryAsync(conversationId, CancellationToken.None);
        logger.LogError(
            failure,
            "Could not deliver activity {ActivityId} ({Type}) to conversation {ConversationId} through its connector{Reason} ({Failures} failed attempts in a row); it and what follows it are sent again later",
            activity.Id, activity.Type, conversationId, failure is null ? ": its conversation reference is gone" : "", failures);
    }

    /// <summary>A 4xx answer other than 408 and 429: the activity itself is refused, and will be whenever it is sent.</summary>
    private static bool IsRefused(Exception? failure) =>
        failure is HttpRequestException { StatusCode: { } status } && (int)status is >= 400 and < 500 && (int)status is not (408 or 429);

    /// <summary>What the bot or an agent said to the customer, as opposed to what came in (from the customer, or the desk to the bot).</summary>
    private static bool IsForCustomer(Activity activity) =>
        activity.From?.Role != RoleTypes.User && activity.Recipient?.Role != RoleTypes.Bot;

    /// <summary>A reply to an activity that asked for its replies in the HTTP answer (expectReplies) has been answered there.</summary>
    private async Task<bool> AnswersExpectRepliesAsync(string conversationId, Activity activity, IReadOnlyList<LoggedActivity> batch, CancellationToken cancellationToken)
    {
        if (activity.ReplyToId is not { } replyTo || !ActivityIds.TryParseSequence(conversationId, replyTo, out var sequence))
        {
            return false;
        }

        var question = batch.Count > 0 && sequence >= batch[0].Sequence && sequence <= batch[^1].Sequence
            ? batch[(int)(sequence - batch[0].Sequence)]
            : (await log.ReadAsync(conversationId, sequence - 1, 1, cancellationToken)).SingleOrDefault();
        return question is not null && JsonSerializer.Deserialize(question.Json, SchemaJson.Wire.Activity)!.DeliveryMode == DeliveryModes.ExpectReplies;
    }
}

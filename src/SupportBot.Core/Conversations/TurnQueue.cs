using System.Text.Json;
using Microsoft.Extensions.Logging;
using SupportBot.Schema;

namespace SupportBot.Conversations;

/// <summary>
/// Runs a conversation's pending turns one at a time, in the order of their activities, under the turn lock;
/// whoever holds the lock (the request that brought the message, another request, or the recovery worker of any
/// process) runs every turn pending by then. A turn is done only once it ran, so one cut short by a crash or by
/// Redis going away stays pending and runs later; one whose replies are already in the log is not run again.
/// </summary>
public sealed class TurnQueue(IConversationLog log, ITurnLock locks, ILogger<TurnQueue> logger)
{
    // How far past a turn's activity its replies are looked for: far more than a conversation moves in one turn.
    private const int RepliesLookAhead = 200;

    /// <summary>
    /// Takes the lock (waiting at most <paramref name="wait"/>) and runs the pending turns through
    /// <paramref name="runTurn"/>. False if another turn kept the lock past the wait or the store failed: what is
    /// pending stays so, for whoever holds the lock next or the recovery worker. With <paramref name="after"/>, the
    /// lock is asked for at once but no turn runs before that task (the append of this turn's activity, sent just
    /// before) is done, whether it succeeded or not; where the store hands out the first turn with the lock, an empty
    /// hand-out is asked again once it is done. <paramref name="taken"/> hands back, by activity id, an
    /// activity this process has just appended and still holds, so its turn need not parse it back from the log.
    /// </summary>
    public Task<bool> RunPendingAsync(
        string conversationId, TimeSpan wait, Func<Activity, Task> runTurn, CancellationToken cancellationToken, Task? after = null,
        Func<string, Activity?>? taken = null) =>
        RunPendingAsync(conversationId, wait, (activity, _) => runTurn(activity), cancellationToken, after, taken);

    /// <summary>
    /// As above; <paramref name="runTurn"/> also gets what the store read for the turn as it handed it out (null if
    /// nothing), for the turn's first reads of its state and hand-off record.
    /// </summary>
    public async Task<bool> RunPendingAsync(
        string conversationId, TimeSpan wait, Func<Activity, TurnPreload?, Task> runTurn, CancellationToken cancellationToken, Task? after = null,
        Func<string, Activity?>? taken = null)
    {
        try
        {
            // Where the store keeps the lock (Redis), the lock and the first pending turn come in one round trip.
            // It is sent right behind the append of this turn's activity on the same connection, so it finds it.
            PendingTurnStart? start = null;
            var holdsAppended = after is not null && taken is not null;
            await using (var held = await locks.TryAcquireAsync(
                conversationId,
                wait,
                async token => (start = await log.TryStartPendingTurnsAsync(conversationId, token, holdsAppended, CancellationToken.None))?.Locked
                    ?? throw new InvalidOperationException("The turn lock is kept in a store that the conversation log is not."),
                cancellationToken))
            {
                if (held is null)
                {
                    return false;
                }

                if (after is not null)
                {
                    await after.ContinueWith(static _ => { }, TaskScheduler.Default); // its failure is its caller's to report
                }

                var next = start is { Locked: true }
                    ? start.Turn
                    : await log.NextPendingTurnAsync(conversationId, done: null, held, CancellationToken.None);
                if (start is { Released: true })
                {
                    held.ReleasedByStore();
                }

                // Once a turn starts it finishes: the request that took the lock is not the turn's owner. Only a turn
                // whose run was cut short can have replies in the log already; a fresh one is not looked up.
                while (next is not null)
                {
                    if (!next.Resumed || !await IsAnsweredAsync(next.Activity))
                    {
                        await RunOneAsync(next, runTurn, taken);
                    }

                    next = await log.NextPendingTurnAsync(conversationId, next.Sequence, held, CancellationToken.None);
                }
            }

            // Nothing was pending when the lock was taken with the first turn: the append was a duplicate, or it
            // reached the store after the lock after all. Once more, now that it is done, rather than leave a turn.
            return start is not { Released: true } || after is null
                || await RunPendingAsync(conversationId, wait, runTurn, cancellationToken, after: null, taken);
        }
        catch (Exception e) when (StoreFailures.IsTransient(e))
        {
            logger.LogWarning(e, "The turns of conversation {ConversationId} stay pending until the store is back", conversationId);
            return false;
        }
        catch (ConversationNotFoundException)
        {
            return true; // it expired meanwhile: nobody is left to answer
        }
    }

    /// <summary>True if the bot already replied to the activity (its turn ran, though it was not marked done).</summary>
    public async Task<bool> IsAnsweredAsync(LoggedActivity activity)
    {
        var id = ActivityIds.ActivityId(activity.ConversationId, activity.Sequence);
        var marker = $"\"replyToId\":\"{id}\"";
        var after = await log.ReadAsync(activity.ConversationId, activity.Sequence, RepliesLookAhead, CancellationToken.None);
        return after.Any(a => a.Json.Contains(marker, StringComparison.Ordinal)
            && JsonSerializer.Deserialize(a.Json, SchemaJson.Wire.Activity) is { ReplyToId: var replyTo, From.Role: RoleTypes.Bot }
            && replyTo == id);
    }

    private async Task RunOneAsync(PendingTurn next, Func<Activity, TurnPreload?, Task> runTurn, Func<string, Activity?>? taken)
    {
        var activity = taken?.Invoke(ActivityIds.ActivityId(next.ConversationId, next.Sequence))
            ?? await LoggedActivityAsync(next);
        if (activity is null)
        {
            return; // not in the log (gone with its conversation): nothing to answer
        }

        try
        {
            await runTurn(activity, next.Preload);
        }
        catch (Exception e) when (!StoreFailures.IsTransient(e))
        {
            // The bot's own errors are answered in the turn; anything else must not hold up the turns after it.
            logger.LogError(e, "The turn of activity {ActivityId} could not run and is dropped", activity.Id);
        }
    }

    // The turn's activity as logged: from its hand-out, or from the log if it was handed out without it.
    private async Task<Activity?> LoggedActivityAsync(PendingTurn turn)
    {
        var json = turn.IsRead
            ? turn.Json
            : (await log.ReadAsync(turn.ConversationId, turn.Sequence - 1, 1, CancellationToken.None)) is [var logged] ? logged.Json : null;
        return json is null ? null : JsonSerializer.Deserialize(json, SchemaJson.Wire.Activity);
    }
}

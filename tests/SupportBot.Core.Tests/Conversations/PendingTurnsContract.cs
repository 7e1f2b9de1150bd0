using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Conversations;
using SupportBot.Schema;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// Turns that must not be lost or run twice, and retried posts that must not be appended twice; run against the
/// in-memory twins and against real Redis. Each log/lock pair made here is one server process.
/// </summary>
public abstract class PendingTurnsContract
{
    protected abstract IConversationLog CreateLog();

    protected abstract ITurnLock CreateLock();

    private static async Task<string> NewConversationAsync(IConversationLog log)
    {
        var id = ActivityIds.NewId();
        Assert.True(await log.CreateAsync(new ConversationRecord(id, "user-1", null, "en-US", DateTimeOffset.UtcNow)));
        return id;
    }

    private static Activity CustomerSays(string text, string? clientActivityId = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount("user-1", null, RoleTypes.User),
        ChannelData = clientActivityId is null ? null : System.Text.Json.JsonDocument.Parse($$"""{"clientActivityID":"{{clientActivityId}}"}""").RootElement,
    };

    /// <summary>A bot that answers each message with its text, recording the order it ran the turns in.</summary>
    private static Func<Activity, Task> EchoBot(IConversationLog log, ConcurrentQueue<string> ran) => async activity =>
    {
        ran.Enqueue(activity.Text!);
        await Task.Delay(10);
        await log.AppendAsync(activity.Conversation?.Id ?? activity.Id!.Split('|')[0], new Activity
        {
            Type = ActivityTypes.Message,
            Text = $"re: {activity.Text}",
            ReplyToId = activity.Id,
            From = new ChannelAccount("bot", "Bot", RoleTypes.Bot),
        });
    };

    [Fact]
    public async Task APostRetriedWithTheSameClientActivityIdGetsTheFirstIdAndIsAppendedOnce()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);

        var first = await log.AppendIncomingAsync(id, CustomerSays("where is my order", "c-1"), startsTurn: true);
        var retry = await log.AppendIncomingAsync(id, CustomerSays("where is my order", "c-1"), startsTurn: true);
        var other = await log.AppendIncomingAsync(id, CustomerSays("hello", "c-2"), startsTurn: true);

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(2, (await log.ReadAsync(id, 0, 10)).Count);
        Assert.Equal(2, other.Sequence);
    }

    [Fact]
    public async Task PendingTurnsComeInTheOrderOfTheirActivitiesUntilDone()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        await log.AppendIncomingAsync(id, CustomerSays("one"), startsTurn: true);
        await log.AppendIncomingAsync(id, new Activity { Type = ActivityTypes.Typing }, startsTurn: false);
        await log.AppendIncomingAsync(id, CustomerSays("two"), startsTurn: true);

        var first = await log.NextPendingTurnAsync(id);
        Assert.Contains(id, await log.ListPendingTurnsAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000));
        var second = await log.NextPendingTurnAsync(id, done: first!.Sequence);

        Assert.Equal((1, 3), (first.Sequence, second!.Sequence));
        Assert.Null(await log.NextPendingTurnAsync(id, done: second.Sequence));
        Assert.DoesNotContain(id, await log.ListPendingTurnsAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000));
    }

    [Fact]
    public async Task ATurnIsHandedOutFreshOnceAndAsResumedWhenItsRunWasCutShort()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        await log.AppendIncomingAsync(id, CustomerSays("one"), startsTurn: true);

        var fresh = await log.NextPendingTurnAsync(id);
        var again = await log.NextPendingTurnAsync(id); // the first runner died before marking it done

        Assert.Equal((1, false), (fresh!.Sequence, fresh.Resumed));
        Assert.Equal((1, true), (again!.Sequence, again.Resumed));
    }

    [Fact]
    public async Task OnceItsTurnsHaveRunTheConversationIsFreeForAnotherProcessAtOnce()
    {
        var log = CreateLog();
        var locks = CreateLock();
        var id = await NewConversationAsync(log);
        await log.AppendIncomingAsync(id, CustomerSays("one"), startsTurn: true);

        Assert.True(await new TurnQueue(log, locks, NullLogger<TurnQueue>.Instance)
            .RunPendingAsync(id, TimeSpan.FromSeconds(5), EchoBot(log, new ConcurrentQueue<string>()), CancellationToken.None));

        await using var next = await locks.TryAcquireAsync(id, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task TurnsLeftPendingByACrashAreRecoveredExactlyOnceInOrder()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        foreach (var text in new[] { "one", "two", "three" })
        {
            await log.AppendIncomingAsync(id, CustomerSays(text), startsTurn: true); // acknowledged; then the process died
        }

        var ran = new ConcurrentQueue<string>();
        var processes = Enumerable.Range(0, 3).Select(_ => new TurnQueue(CreateLog(), CreateLock(), NullLogger<TurnQueue>.Instance)).ToList();
        await Task.WhenAll(processes.Select(p => p.RunPendingAsync(id, TimeSpan.FromSeconds(5), EchoBot(log, ran), CancellationToken.None)));
        await processes[0].RunPendingAsync(id, TimeSpan.FromSeconds(5), EchoBot(log, ran), CancellationToken.None);

        Assert.Equal(["one", "two", "three"], ran);
        Assert.Null(await log.NextPendingTurnAsync(id));
    }

    [Fact]
    public async Task ATurnWhoseReplyIsAlreadyLoggedIsNotRunAgainOnRecovery()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        var asked = await log.AppendIncomingAsync(id, CustomerSays("one"), startsTurn: true);
        await log.NextPendingTurnAsync(id); // a process took the turn...
        await log.AppendAsync(id, new Activity { Type = ActivityTypes.Message, Text = "re: one", ReplyToId = asked.Id, From = new ChannelAccount("bot", "Bot", RoleTypes.Bot) });
        // ...and died after the reply but before it marked the turn done.

        var ran = new ConcurrentQueue<string>();
        var recovered = await new TurnQueue(CreateLog(), CreateLock(), NullLogger<TurnQueue>.Instance)
            .RunPendingAsync(id, TimeSpan.FromSeconds(5), EchoBot(log, ran), CancellationToken.None);

        Assert.True(recovered);
        Assert.Empty(ran);
        Assert.Null(await log.NextPendingTurnAsync(id));
    }

    [Fact]
    public async Task ATurnRunRightBehindItsAppendByARunnerThatDoesNotHoldItsActivityGetsItFromTheLog()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        var ran = new ConcurrentQueue<string>();
        var appended = log.AppendIncomingAsync(id, CustomerSays("where is my order"), startsTurn: true);

        // As a request runs its turn (the lock asked for behind the append), but holding none of the activities.
        Assert.True(await new TurnQueue(log, CreateLock(), NullLogger<TurnQueue>.Instance)
            .RunPendingAsync(id, TimeSpan.FromSeconds(5), EchoBot(log, ran), CancellationToken.None, after: appended, taken: _ => null));

        Assert.Equal(["where is my order"], ran);
        Assert.Null(await log.NextPendingTurnAsync(id));
    }

    [Fact]
    public async Task AMessageThatArrivesDuringATurnIsRunAfterItByWhoeverHoldsTheTurn()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        var ran = new ConcurrentQueue<string>();
        var queue = new TurnQueue(log, CreateLock(), NullLogger<TurnQueue>.Instance);
        var release = new TaskCompletionSource();
        var second = (Task?)null;
        Func<Activity, Task> bot = async activity =>
        {
            if (activity.Text == "slow")
            {
                // The next message arrives, through another process, while this turn runs.
                await log.AppendIncomingAsync(id, CustomerSays("next"), startsTurn: true);
                second = new TurnQueue(CreateLog(), CreateLock(), NullLogger<TurnQueue>.Instance)
                    .RunPendingAsync(id, TimeSpan.FromMilliseconds(100), EchoBot(log, ran), CancellationToken.None);
                await second;
            }

            await EchoBot(log, ran)(activity);
        };

        await log.AppendIncomingAsync(id, CustomerSays("slow"), startsTurn: true);
        Assert.True(await queue.RunPendingAsync(id, TimeSpan.FromSeconds(5), bot, CancellationToken.None));

        Assert.False(await (Task<bool>)second!); // it could not get the turn in time...
        Assert.Equal(["slow", "next"], ran); // ...and was answered all the same, after the turn before it
        Assert.Null(await log.NextPendingTurnAsync(id));
    }
}

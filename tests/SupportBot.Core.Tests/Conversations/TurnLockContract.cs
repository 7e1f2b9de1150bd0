using SupportBot.Conversations;

namespace SupportBot.Tests.Conversations;

/// <summary>What every <see cref="ITurnLock"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class TurnLockContract
{
    protected static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    protected static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    /// <summary>A lock as one server process has it, waiting at most <paramref name="wait"/>.</summary>
    protected abstract ITurnLock CreateLock(TimeSpan wait, TimeSpan? lease = null);

    /// <summary>True if <paramref name="task"/> is still waiting after a while.</summary>
    protected static async Task<bool> StillWaitingAsync(Task task) => await Task.WhenAny(task, Task.Delay(200)) != task;

    /// <summary>A turn through <paramref name="first"/> holds the conversation; one through <paramref name="second"/> waits for it.</summary>
    protected static async Task AssertTheSecondWaitsForTheFirstAsync(ITurnLock first, ITurnLock second)
    {
        var id = ActivityIds.NewId();
        var held = await first.AcquireAsync(id, CancellationToken.None);

        var waiting = second.AcquireAsync(id, CancellationToken.None);
        Assert.True(await StillWaitingAsync(waiting));
        await held.DisposeAsync();

        await (await waiting).DisposeAsync();
    }

    /// <summary>Twenty turns of one conversation at once, the i-th through <paramref name="lockFor"/>(i): never two running.</summary>
    protected static async Task AssertOneAtATimeAsync(Func<int, ITurnLock> lockFor)
    {
        var id = ActivityIds.NewId();
        var running = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var turn = await lockFor(i).AcquireAsync(id, CancellationToken.None);
            most = Math.Max(most, Interlocked.Increment(ref running));
            await Task.Delay(5);
            Interlocked.Decrement(ref running);
        }));

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task ASecondTurnOfAConversationWaitsUntilTheFirstReleases()
    {
        var locks = CreateLock(Long);

        await AssertTheSecondWaitsForTheFirstAsync(locks, locks);
    }

    [Fact]
    public async Task TurnsOfDifferentConversationsDoNotWaitForEachOther()
    {
        var locks = CreateLock(Short);
        await using var one = await locks.AcquireAsync(ActivityIds.NewId(), CancellationToken.None);

        await using var other = await locks.AcquireAsync(ActivityIds.NewId(), CancellationToken.None);
    }

    [Fact]
    public async Task AWaitPastTheLimitFailsWithoutTakingTheLock()
    {
        var locks = CreateLock(Short);
        var id = ActivityIds.NewId();
        var holder = await locks.AcquireAsync(id, CancellationToken.None);

        var timeout = await Assert.ThrowsAsync<TurnLockTimeoutException>(() => locks.AcquireAsync(id, CancellationToken.None));
        await Assert.ThrowsAsync<TurnLockTimeoutException>(() => locks.AcquireAsync(id, CancellationToken.None));
        await holder.DisposeAsync();

        Assert.Equal(id, timeout.ConversationId);
        await (await locks.AcquireAsync(id, CancellationToken.None)).DisposeAsync();
    }

    [Fact]
    public async Task ACancelledWaitNeitherTakesNorBlocksTheLock()
    {
        var locks = CreateLock(Long);
        var id = ActivityIds.NewId();
        var holder = await locks.AcquireAsync(id, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync(id, cancel.Token));
        await holder.DisposeAsync();

        await (await locks.AcquireAsync(id, CancellationToken.None)).DisposeAsync();
    }

    [Fact]
    public async Task ReleasingTwiceReleasesOnce()
    {
        var locks = CreateLock(Long);
        var id = ActivityIds.NewId();
        var first = await locks.AcquireAsync(id, CancellationToken.None);
        await first.DisposeAsync();
        var second = await locks.AcquireAsync(id, CancellationToken.None);

        await first.DisposeAsync();

        var third = locks.AcquireAsync(id, CancellationToken.None);
        Assert.True(await StillWaitingAsync(third));
        await second.DisposeAsync();
        await (await third).DisposeAsync();
    }

    [Fact]
    public async Task ManyTurnsAtOnceRunOneAtATime()
    {
        var locks = CreateLock(Long);

        await AssertOneAtATimeAsync(_ => locks);
    }
}

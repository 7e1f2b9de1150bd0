using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

public sealed class ArchiveThreadTests : IDisposable
{
    private readonly ArchiveThread _thread = new("archive-test-worker", nice: 10);

    [Fact]
    public async Task WorkRunsOnTheOneNamedThreadAndNeverOnThePool()
    {
        var seen = new List<(string? Name, int Id, bool Pool)>();
        for (var i = 0; i < 3; i++)
        {
            await _thread.RunAsync(() =>
            {
                seen.Add((Thread.CurrentThread.Name, Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
                return Task.CompletedTask;
            });
        }

        Assert.All(seen, s => Assert.Equal(("archive-test-worker", seen[0].Id, false), s));
        Assert.NotEqual(Environment.CurrentManagedThreadId, seen[0].Id);
    }

    [Fact]
    public async Task ContinuationsComeBackToTheThreadAfterTimersPoolWorkAndYields()
    {
        var ids = new List<int>();
        await _thread.RunAsync(async () =>
        {
            ids.Add(Environment.CurrentManagedThreadId);
            await Task.Delay(20);
            ids.Add(Environment.CurrentManagedThreadId);
            await Task.Run(() => Thread.Sleep(5));
            ids.Add(Environment.CurrentManagedThreadId);
            await Task.Yield();
            ids.Add(Environment.CurrentManagedThreadId);
        });

        Assert.Equal(4, ids.Count);
        Assert.All(ids, id => Assert.Equal(ids[0], id));
    }

    [Fact]
    public async Task TheThreadRunsAtItsNiceValueOnLinux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "nice values are Linux's");
        var nice = 0;
        await _thread.RunAsync(() =>
        {
            nice = ThreadNice.OfThisThread();
            return Task.CompletedTask;
        });

        Assert.Equal(10, nice);
        Assert.Equal(10, _thread.AppliedNice);
    }

    [Fact]
    public async Task NiceZeroLeavesTheThreadAsTheProcessIs()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "nice values are Linux's");
        using var plain = new ArchiveThread("archive-test-plain", nice: 0);
        var nice = -1;
        await plain.RunAsync(() =>
        {
            nice = ThreadNice.OfThisThread();
            return Task.CompletedTask;
        });

        Assert.Equal(ThreadNice.OfProcess(), nice);
        Assert.Null(plain.AppliedNice);
    }

    [Fact]
    public async Task AnExceptionSurfacesToTheCallerAndTheThreadGoesOn()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _thread.RunAsync(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("the archive broke");
        }));
        var before = await Assert.ThrowsAsync<ArgumentException>(() => _thread.RunAsync(() => throw new ArgumentException("thrown before any await")));

        var name = "";
        await _thread.RunAsync(() =>
        {
            name = Thread.CurrentThread.Name;
            return Task.CompletedTask;
        });

        Assert.Equal("the archive broke", thrown.Message);
        Assert.Equal("thrown before any await", before.Message);
        Assert.Equal("archive-test-worker", name);
    }

    [Fact]
    public async Task ACancelledRunIsCancelledForTheCaller()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _thread.RunAsync(() => Task.Delay(1000, cancel.Token)));
    }

    [Fact]
    public async Task WorkUnderWayWhenTheThreadIsDisposedStillFinishesOnThePool()
    {
        // What a stopping server meets: the worker's pass is waiting for Redis when the host disposes the thread.
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = new List<string>();
        var after = (Name: (string?)null, Pool: false);
        var pass = _thread.RunAsync(async () =>
        {
            queued.Add("started");
            await reply.Task;
            after = (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
        });
        var second = _thread.RunAsync(() =>
        {
            queued.Add("second");
            return Task.CompletedTask;
        });
        await second;

        _thread.Dispose();
        reply.SetResult();

        await pass.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["started", "second"], queued);
        Assert.True(after.Pool);
        Assert.NotEqual("archive-test-worker", after.Name);
    }

    public void Dispose() => _thread.Dispose();
}

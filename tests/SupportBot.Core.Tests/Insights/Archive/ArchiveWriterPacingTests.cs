using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>
/// Archive:ActivitiesPerSecond: the worker copies at its pace, evenly, whatever it left idle before, and a pass never
/// outlives half its hold. The writer runs on real time (sped up for the hold), the log on a fake clock.
/// </summary>
public sealed class ArchiveWriterPacingTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _logClock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;
    private readonly ArchiveScenes _scenes;
    private readonly SqliteConversationArchive _archive;

    public ArchiveWriterPacingTests()
    {
        _scenes = new ArchiveScenes(_logClock);
        _archive = new SqliteConversationArchive(Path.Combine(_directory, "archive.db"), _logClock, busySeconds: 1);
    }

    public async ValueTask InitializeAsync() => await _archive.MigrateAsync();

    [Fact]
    public async Task APaceOfTwentyActivitiesASecondCopiesTwentyASecondNotABurst()
    {
        await ChatsAsync(30); // two activities each: 60 activities, 2.9 s at 20 a second
        var clock = new FastClock(_logClock.GetUtcNow(), 1);
        var queue = new TimedQueue(_scenes.Log, clock);

        Assert.Equal(30, await Writer(clock, 20, queue).PassAsync(default));

        Assert.InRange(29 * 2 / queue.SecondsBetweenFirstAndLastCopy, 20 / 3.0, 21);
        // Evenly: a copy of two activities starts a tenth of a second after the one before, never sooner, so the
        // i-th is done at least (i - 1) tenths after the first (which may have taken long: the next starts after it).
        Assert.All(queue.SinceFirst.Select((seconds, i) => (seconds, i)).Skip(1), c => Assert.True(c.seconds >= (c.i - 1) * 0.1 - 0.001,
            $"copy {c.i} done {c.seconds:0.000} s after the first"));
    }

    [Fact]
    public async Task TimeTheWorkerSpentIdleIsNotSavedUpForABurstAfterwards()
    {
        var clock = new FastClock(_logClock.GetUtcNow(), 1);
        var queue = new TimedQueue(_scenes.Log, clock);
        var writer = Writer(clock, 20, queue);
        await ChatsAsync(1);
        await writer.PassAsync(default);

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // idle: 30 activities' worth at this pace
        await ChatsAsync(10);
        queue.Clear();
        Assert.Equal(10, await writer.PassAsync(default));

        Assert.True(queue.SecondsBetweenFirstAndLastCopy >= 8 * 0.1 - 0.001, $"10 copies in {queue.SecondsBetweenFirstAndLastCopy:0.000} s after an idle spell");
    }

    [Fact]
    public async Task APassEndsAtHalfItsHoldAndWhatItLeftIsCopiedOnceTheHoldLapses()
    {
        var ids = await ChatsAsync(40); // 80 activities: 40 s at 2 a second, past the 30 s hold
        var clock = new FastClock(_logClock.GetUtcNow(), 20);
        var writer = Writer(clock, 2, _scenes.Log);

        var started = clock.GetTimestamp();
        var written = await writer.PassAsync(default);
        var passed = clock.GetElapsedTime(started);

        Assert.True(passed < ArchiveWriter.Hold, $"the pass took {passed.TotalSeconds:0.0} s of a {ArchiveWriter.Hold.TotalSeconds} s hold");
        Assert.InRange(written, 3, 15); // a copy a second for 15 s at most
        Assert.Empty(await _scenes.Log.ClaimAsync(100, ArchiveWriter.Hold, TimeSpan.Zero)); // the rest are still held

        for (var pass = 0; pass < 10 && written < ids.Count; pass++)
        {
            _logClock.Advance(ArchiveWriter.Hold);
            written += await writer.PassAsync(default);
        }

        Assert.All(ids, id => Assert.Equal(2, _archive.GetAsync(id).Result!.Activities.Count));
        Assert.Equal(TimeSpan.Zero, await _scenes.Log.LagAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private ArchiveWriter Writer(TimeProvider clock, int activitiesPerSecond, IArchiveQueue queue) => new(
        queue, _scenes.Log, _archive, _scenes.Snapshots,
        Options.Create(new ArchiveOptions { Settle = TimeSpan.Zero, ActivitiesPerSecond = activitiesPerSecond }), clock, NullLogger<ArchiveWriter>.Instance);

    private async Task<List<string>> ChatsAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await _scenes.StartAsync($"cust-{Guid.NewGuid():N}");
            await _scenes.CustomerAsync(id, "hello");
            await _scenes.BotAsync(id, "Hi there.");
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Real time, <paramref name="factor"/> times faster: its timestamps, its wall clock and its timers alike.</summary>
    private sealed class FastClock(DateTimeOffset start, double factor) : TimeProvider
    {
        private readonly long _origin = Stopwatch.GetTimestamp();

        public override long TimestampFrequency => Stopwatch.Frequency;

        public override long GetTimestamp() => _origin + (long)((Stopwatch.GetTimestamp() - _origin) * factor);

        public override DateTimeOffset GetUtcNow() => start + GetElapsedTime(_origin);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new Timer(System.CreateTimer(callback, state, Real(dueTime), Real(period)), this);

        private TimeSpan Real(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / factor;

        private sealed class Timer(ITimer inner, FastClock clock) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Real(dueTime), clock.Real(period));

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    /// <summary>The queue, noting when (on the writer's clock) each conversation's copy was done.</summary>
    private sealed class TimedQueue(IArchiveQueue inner, TimeProvider clock) : IArchiveQueue
    {
        private readonly List<long> _copied = [];

        public double SecondsBetweenFirstAndLastCopy => clock.GetElapsedTime(_copied[0], _copied[^1]).TotalSeconds;

        public IEnumerable<double> SinceFirst => _copied.Select(t => clock.GetElapsedTime(_copied[0], t).TotalSeconds);

        public void Clear() => _copied.Clear();

        public Task<IReadOnlyList<string>> ClaimAsync(int maxCount, TimeSpan hold, TimeSpan settle, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(maxCount, hold, settle, cancellationToken);

        public Task MarkArchivedAsync(string conversationId, long sequence, DateTimeOffset readAt, CancellationToken cancellationToken = default)
        {
            _copied.Add(clock.GetTimestamp());
            return inner.MarkArchivedAsync(conversationId, sequence, readAt, cancellationToken);
        }

        public Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default) => inner.ForgetAsync(conversationId, cancellationToken);

        public Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default) => inner.LagAsync(cancellationToken);
    }
}

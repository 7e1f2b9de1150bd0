using SupportBot.Conversations;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Archive;

/// <summary>The server's archive worker claims, copies and marks on its own niced thread, never on the thread pool.</summary>
public sealed class ArchiveWorkerThreadTests
{
    [Fact]
    public async Task TheWorkerPassesRunOnTheArchiveThreadAtArchiveWorkerNice()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "nice values are Linux's");
        var queue = new ThreadNotingQueue();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Archive:WorkerNice"] = "7" },
            services => services.AddSingleton<IArchiveQueue>(sp => queue.Wrapping(sp.GetRequiredService<MemoryConversationLog>())));

        var chat = await app.Client.StartAsync();
        await app.Client.SayAsync(chat, "where is order ORD-10001?");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!queue.Marked && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(queue.Marked, "the worker never archived the conversation");
        Assert.All(queue.Calls, call => Assert.Equal(("archive-worker", false, 7), call));
    }

    /// <summary>The in-memory queue, noting for every claim and mark the calling thread's name, pool membership and nice value.</summary>
    private sealed class ThreadNotingQueue : IArchiveQueue
    {
        private IArchiveQueue _inner = null!;

        private readonly List<(string? Thread, bool Pool, int Nice)> _calls = [];

        public IReadOnlyList<(string? Thread, bool Pool, int Nice)> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public bool Marked { get; private set; }

        public IArchiveQueue Wrapping(IArchiveQueue inner)
        {
            _inner = inner;
            return this;
        }

        public Task<IReadOnlyList<string>> ClaimAsync(int maxCount, TimeSpan hold, TimeSpan settle, CancellationToken cancellationToken = default)
        {
            Note();
            return _inner.ClaimAsync(maxCount, hold, settle, cancellationToken);
        }

        public async Task MarkArchivedAsync(string conversationId, long sequence, DateTimeOffset? readAt, CancellationToken cancellationToken = default)
        {
            Note();
            await _inner.MarkArchivedAsync(conversationId, sequence, readAt, cancellationToken);
            Marked = true;
        }

        public Task ReleaseAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(conversationIds, cancellationToken);

        public Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default) => _inner.ForgetAsync(conversationId, cancellationToken);

        public Task<long> DueCountAsync(TimeSpan settle, CancellationToken cancellationToken = default) => _inner.DueCountAsync(settle, cancellationToken);

        public Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default) => _inner.LagAsync(cancellationToken);

        private void Note()
        {
            lock (_calls)
            {
                _calls.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread, ThreadNice.OfThisThread()));
            }
        }
    }
}

using Microsoft.Extensions.Options;

namespace SupportBot.Conversations;

/// <summary>
/// In-process twin of <see cref="RedisTurnLock"/>: a semaphore per conversation with a turn waiting or running,
/// dropped when the last one leaves. Enough for one process; several need the Redis lease.
/// </summary>
public sealed class MemoryTurnLock(IOptions<ConversationOptions> options) : ITurnLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<ITurnLease> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var wait = options.Value.TurnLockWait;
        return await TryAcquireAsync(conversationId, wait, cancellationToken) ?? throw new TurnLockTimeoutException(conversationId, wait);
    }

    /// <summary>The lock, or null if another turn still held it after <paramref name="wait"/>.</summary>
    public async Task<ITurnLease?> TryAcquireAsync(string conversationId, TimeSpan wait, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(conversationId, out entry!))
            {
                entry = new Entry();
                _entries[conversationId] = entry;
            }

            entry.Users++;
        }

        bool acquired;
        try
        {
            acquired = await entry.Semaphore.WaitAsync(wait, cancellationToken);
        }
        catch
        {
            Release(conversationId, entry, held: false);
            throw;
        }

        if (!acquired)
        {
            Release(conversationId, entry, held: false);
            return null;
        }

        return new Releaser(this, conversationId, entry);
    }

    private void Release(string conversationId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(conversationId);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(MemoryTurnLock owner, string conversationId, Entry entry) : ITurnLease
    {
        private int _released;

        public string Token => "";

        public void ReleasedByStore()
        {
            // Nothing outside this process holds it.
        }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(conversationId, entry, held: true);
            }

            return ValueTask.CompletedTask;
        }
    }
}

using System.Collections.Concurrent;

namespace SupportBot.Conversations;

/// <summary>The memory twin of archive:pending (the conversations with activities the archive may not have yet), and deleting a conversation.</summary>
public sealed partial class MemoryConversationLog : IArchiveQueue
{
    // Conversation → since when it has had unarchived activities, and until when a worker holds it.
    private readonly ConcurrentDictionary<string, ArchiveMark> _archivePending = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> ClaimAsync(int maxCount, TimeSpan hold, TimeSpan settle, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var claimed = new List<string>();
        foreach (var (id, mark) in _archivePending.Where(p => p.Value.HeldUntil <= now && p.Value.Since <= now - settle).OrderBy(p => p.Value.Since).Take(maxCount))
        {
            if (_archivePending.TryUpdate(id, mark with { HeldUntil = now + hold }, mark))
            {
                claimed.Add(id);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(claimed);
    }

    public Task MarkArchivedAsync(string conversationId, long sequence, DateTimeOffset? readAt, CancellationToken cancellationToken = default)
    {
        if (!TryGetLive(conversationId, out var entry))
        {
            _archivePending.TryRemove(conversationId, out _);
            return Task.CompletedTask;
        }

        lock (entry.Activities)
        {
            entry.Archived = Math.Max(entry.Archived, sequence);
            if (entry.Archived >= entry.Activities.Count)
            {
                _archivePending.TryRemove(conversationId, out _);
            }
            else if (readAt is { } at)
            {
                _archivePending[conversationId] = new ArchiveMark(at, DateTimeOffset.MinValue);
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in conversationIds)
        {
            if (_archivePending.TryGetValue(id, out var mark))
            {
                _archivePending.TryUpdate(id, mark with { HeldUntil = DateTimeOffset.MinValue }, mark);
            }
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        _archivePending.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        _archivePending.TryRemove(conversationId, out _);
        _pendingSince.TryRemove(conversationId, out _);
        _undeliveredDue.TryRemove(conversationId, out _);
        return Task.FromResult(_conversations.TryRemove(conversationId, out var entry) && !IsExpired(entry));
    }

    public Task<long> DueCountAsync(TimeSpan settle, CancellationToken cancellationToken = default)
    {
        var dueBy = clock.GetUtcNow() - settle;
        return Task.FromResult((long)_archivePending.Values.Count(m => m.Since <= dueBy));
    }

    public Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default)
    {
        var oldest = _archivePending.Values.Select(m => m.Since).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var lag = clock.GetUtcNow() - oldest;
        return Task.FromResult(lag > TimeSpan.Zero ? lag : TimeSpan.Zero);
    }

    private sealed record ArchiveMark(DateTimeOffset Since, DateTimeOffset HeldUntil);
}

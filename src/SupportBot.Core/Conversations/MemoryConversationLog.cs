using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Schema;

namespace SupportBot.Conversations;

/// <summary>
/// In-process twin of <see cref="RedisConversationLog"/>, with the same time-to-live after the last activity;
/// conversations are lost when the process stops.
/// </summary>
public sealed partial class MemoryConversationLog(TimeProvider clock, IOptions<ConversationOptions> options) : IConversationLog
{
    private const int CreationsBetweenSweeps = 256;
    private readonly ConcurrentDictionary<string, Entry> _conversations = new(StringComparer.Ordinal);
    private readonly ActivitySubscriptions _subscriptions = new();

    // Conversation → when its earliest pending turn was queued (or its queue last moved), for recovery.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pendingSince = new(StringComparer.Ordinal);
    // Conversation → from when the sweep may send what its connector has not taken (see IConversationLog.AppendAsync).
    private readonly ConcurrentDictionary<string, DateTimeOffset> _undeliveredDue = new(StringComparer.Ordinal);
    private int _creations;

    public MemoryConversationLog() : this(TimeProvider.System, Options.Create(new ConversationOptions())) { }

    public MemoryConversationLog(TimeProvider clock) : this(clock, Options.Create(new ConversationOptions())) { }

    public Task<bool> CreateAsync(ConversationRecord conversation, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _creations) % CreationsBetweenSweeps == 0)
        {
            foreach (var (id, stale) in _conversations.Where(c => IsExpired(c.Value)))
            {
                _conversations.TryRemove(new(id, stale));
            }
        }

        var entry = new Entry(conversation) { LastTouched = clock.GetUtcNow() };
        if (_conversations.TryGetValue(conversation.Id, out var existing) && IsExpired(existing))
        {
            _conversations.TryRemove(new(conversation.Id, existing));
        }

        return Task.FromResult(_conversations.TryAdd(conversation.Id, entry));
    }

    public Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryGetLive(conversationId, out var entry) ? entry.Record : null);

    public async Task<IReadOnlyList<string>> ListAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        [.. (await ListRecordsAsync(from, before, cancellationToken)).Select(r => r.Id)];

    public Task<IReadOnlyList<ConversationRecord>> ListRecordsAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConversationRecord>>([.. _conversations.Values
            .Where(e => !IsExpired(e) && e.Record.CreatedAt >= from && e.Record.CreatedAt < before)
            .OrderBy(e => e.Record.CreatedAt)
            .Select(e => e.Record)]);

    public Task<AppendedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        var entry = Live(conversationId);
        lock (entry.Activities)
        {
            if (ChannelConversationIds.IsChannelKept(conversationId))
            {
                _undeliveredDue.TryAdd(conversationId, clock.GetUtcNow() + options.Value.RedeliverAfter);
            }

            var logged = AppendLocked(entry, conversationId, activity);
            return Task.FromResult(new AppendedActivity(activity.Id!, logged.Sequence, Duplicate: false));
        }
    }

    public Task<AppendedActivity> AppendIncomingAsync(string conversationId, Activity activity, bool startsTurn, CancellationToken cancellationToken = default)
    {
        var entry = Live(conversationId);
        var clientId = activity.ClientActivityId;
        lock (entry.Activities)
        {
            if (clientId is not null && entry.ClientIds.TryGetValue(clientId, out var first))
            {
                return Task.FromResult(new AppendedActivity(ActivityIds.ActivityId(conversationId, first), first, Duplicate: true));
            }

            var logged = AppendLocked(entry, conversationId, activity);
            if (clientId is not null)
            {
                entry.ClientIds[clientId] = logged.Sequence;
            }

            if (startsTurn)
            {
                entry.Pending.Add(logged.Sequence);
                _pendingSince.TryAdd(conversationId, clock.GetUtcNow());
            }

            return Task.FromResult(new AppendedActivity(activity.Id!, logged.Sequence, Duplicate: false));
        }
    }

    public Task<PendingTurn?> NextPendingTurnAsync(
        string conversationId, long? done = null, ITurnLease? lease = null, CancellationToken cancellationToken = default)
    {
        if (!TryGetLive(conversationId, out var entry))
        {
            _pendingSince.TryRemove(conversationId, out _);
            return Task.FromResult<PendingTurn?>(null);
        }

        lock (entry.Activities)
        {
            if (done is { } sequence)
            {
                entry.Pending.Remove(sequence);
                entry.HandedOut.Remove(sequence);
            }

            if (entry.Pending.Count == 0)
            {
                _pendingSince.TryRemove(conversationId, out _);
                return Task.FromResult<PendingTurn?>(null);
            }

            if (done is not null)
            {
                _pendingSince[conversationId] = clock.GetUtcNow(); // the queue moved
            }

            var next = entry.Activities[(int)entry.Pending.Min - 1];
            var resumed = !entry.HandedOut.Add(next.Sequence);
            return Task.FromResult<PendingTurn?>(new PendingTurn(conversationId, next.Sequence, next.Json, resumed));
        }
    }

    public Task<IReadOnlyList<string>> ListPendingTurnsAsync(DateTimeOffset queuedBefore, int maxCount, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. _pendingSince.Where(p => p.Value < queuedBefore).OrderBy(p => p.Value).Take(maxCount).Select(p => p.Key)]);

    public Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        if (!TryGetLive(conversationId, out var entry))
        {
            throw new ConversationNotFoundException(conversationId);
        }

        lock (entry.Activities)
        {
            var start = (int)Math.Clamp(afterSequence, 0, entry.Activities.Count);
            var count = Math.Min(maxCount, entry.Activities.Count - start);
            return Task.FromResult<IReadOnlyList<LoggedActivity>>(entry.Activities.GetRange(start, count));
        }
    }

    public Task<long> GetDeliveredAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryGetLive(conversationId, out var entry) ? Interlocked.Read(ref entry.Delivered) : 0);

    public Task MarkDeliveredAsync(string conversationId, long sequence, CancellationToken cancellationToken = default)
    {
        if (!TryGetLive(conversationId, out var entry))
        {
            _undeliveredDue.TryRemove(conversationId, out _);
            return Task.CompletedTask;
        }

        lock (entry.Activities)
        {
            entry.Delivered = Math.Max(entry.Delivered, sequence);
            entry.DeliveryFailures = 0;
            if (entry.Delivered >= entry.Activities.Count)
            {
                _undeliveredDue.TryRemove(conversationId, out _);
            }
            else if (_undeliveredDue.ContainsKey(conversationId))
            {
                _undeliveredDue[conversationId] = clock.GetUtcNow() + options.Value.RedeliverAfter;
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> PostponeDeliveryAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        if (!TryGetLive(conversationId, out var entry))
        {
            _undeliveredDue.TryRemove(conversationId, out _);
            return Task.FromResult(0);
        }

        lock (entry.Activities)
        {
            var failures = ++entry.DeliveryFailures;
            var backoff = options.Value.RedeliverAfter * Math.Pow(2, Math.Min(failures - 1, 30));
            _undeliveredDue[conversationId] = clock.GetUtcNow() + (backoff < ConversationOptions.LongestRedeliveryBackoff ? backoff : ConversationOptions.LongestRedeliveryBackoff);
            return Task.FromResult(failures);
        }
    }

    public Task<IReadOnlyList<string>> ClaimUndeliveredAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var claimed = new List<string>();
        foreach (var (id, due) in _undeliveredDue.Where(d => d.Value <= now).OrderBy(d => d.Value).Take(maxCount))
        {
            if (_undeliveredDue.TryUpdate(id, now + options.Value.RedeliverAfter, due))
            {
                claimed.Add(id);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(claimed);
    }

    public Task<IDisposable> SubscribeAsync(string conversationId, Action<LoggedUtf8Activity> onAppended, CancellationToken cancellationToken = default) =>
        Task.FromResult(_subscriptions.Add(conversationId, onAppended));

    private Entry Live(string conversationId) =>
        TryGetLive(conversationId, out var entry) ? entry : throw new ConversationNotFoundException(conversationId);

    private LoggedActivity AppendLocked(Entry entry, string conversationId, Activity activity)
    {
        var sequence = entry.Activities.Count + 1;
        var now = TimestampPrecision.TruncateToMilliseconds(clock.GetUtcNow());
        var timestamp = now > entry.LastTimestamp ? now : entry.LastTimestamp.AddMilliseconds(1);

        entry.LastTimestamp = timestamp;
        entry.LastTouched = clock.GetUtcNow();
        activity.Id = ActivityIds.ActivityId(conversationId, sequence);
        activity.Timestamp = timestamp;
        var logged = new LoggedActivity(conversationId, sequence, JsonSerializer.Serialize(activity, SchemaJson.Wire.Activity));
        entry.Activities.Add(logged);
        _archivePending.TryAdd(conversationId, new ArchiveMark(timestamp, DateTimeOffset.MinValue)); // kept if already there: the oldest counts

        // Listeners only enqueue; calling them under the lock keeps every listener's view in sequence order.
        _subscriptions.Publish(logged);
        return logged;
    }

    private bool TryGetLive(string conversationId, out Entry entry) =>
        _conversations.TryGetValue(conversationId, out entry!) && !IsExpired(entry);

    private bool IsExpired(Entry entry) => clock.GetUtcNow() - entry.LastTouched > options.Value.Ttl;

    private sealed class Entry(ConversationRecord record)
    {
        public DateTimeOffset LastTouched { get; set; }

        public ConversationRecord Record { get; } = record;

        public List<LoggedActivity> Activities { get; } = [];

        public DateTimeOffset LastTimestamp { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Sequences of activities whose turn has not run yet.</summary>
        public SortedSet<long> Pending { get; } = [];

        /// <summary>Sequences of pending turns handed out to run at least once (their replies may be logged).</summary>
        public HashSet<long> HandedOut { get; } = [];

        /// <summary>The sequence up to which the channel's connector has taken everything (a field for Interlocked.Read).</summary>
        public long Delivered;

        /// <summary>The sequence up to which the archive has everything.</summary>
        public long Archived { get; set; }

        /// <summary>Failed sends since the last success.</summary>
        public int DeliveryFailures { get; set; }

        /// <summary>clientActivityID → the sequence it was first appended at.</summary>
        public Dictionary<string, long> ClientIds { get; } = new(StringComparer.Ordinal);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using SupportBot.Schema;

namespace SupportBot.Conversations;

/// <summary>In-process twin of <see cref="RedisConversationLog"/>; conversations are lost when the process stops.</summary>
public sealed class MemoryConversationLog(TimeProvider clock) : IConversationLog
{
    private readonly ConcurrentDictionary<string, Entry> _conversations = new(StringComparer.Ordinal);
    private readonly ActivitySubscriptions _subscriptions = new();

    public MemoryConversationLog() : this(TimeProvider.System) { }

    public Task<bool> CreateAsync(ConversationRecord conversation, CancellationToken cancellationToken = default) =>
        Task.FromResult(_conversations.TryAdd(conversation.Id, new Entry(conversation)));

    public Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_conversations.TryGetValue(conversationId, out var entry) ? entry.Record : null);

    public Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        if (!_conversations.TryGetValue(conversationId, out var entry))
        {
            throw new ConversationNotFoundException(conversationId);
        }

        LoggedActivity logged;
        lock (entry.Activities)
        {
            var sequence = entry.Activities.Count + 1;
            var now = TimestampPrecision.TruncateToMilliseconds(clock.GetUtcNow());
            var timestamp = now > entry.LastTimestamp ? now : entry.LastTimestamp.AddMilliseconds(1);

            entry.LastTimestamp = timestamp;
            activity.Id = ActivityIds.ActivityId(conversationId, sequence);
            activity.Timestamp = timestamp;
            logged = new LoggedActivity(conversationId, sequence, JsonSerializer.Serialize(activity, SchemaJson.Wire.Activity));
            entry.Activities.Add(logged);

            // Listeners only enqueue; calling them under the lock keeps every listener's view in sequence order.
            _subscriptions.Publish(logged);
        }

        return Task.FromResult(logged);
    }

    public Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        if (!_conversations.TryGetValue(conversationId, out var entry))
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

    public IDisposable Subscribe(string conversationId, Action<LoggedActivity> onAppended) =>
        _subscriptions.Add(conversationId, onAppended);

    private sealed class Entry(ConversationRecord record)
    {
        public ConversationRecord Record { get; } = record;

        public List<LoggedActivity> Activities { get; } = [];

        public DateTimeOffset LastTimestamp { get; set; } = DateTimeOffset.MinValue;
    }
}

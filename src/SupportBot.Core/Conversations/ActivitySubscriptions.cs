using System.Collections.Concurrent;
using System.Text;

namespace SupportBot.Conversations;

/// <summary>This process's listeners for appended activities, by conversation.</summary>
internal sealed class ActivitySubscriptions
{
    private readonly ConcurrentDictionary<string, ImmutableListeners> _byConversation = new(StringComparer.Ordinal);

    public IDisposable Add(string conversationId, Action<LoggedUtf8Activity> listener)
    {
        _byConversation.AddOrUpdate(conversationId, _ => new([listener]), (_, l) => new([.. l.Items, listener]));
        return new Subscription(this, conversationId, listener);
    }

    public void Publish(LoggedActivity logged)
    {
        if (_byConversation.TryGetValue(logged.ConversationId, out var listeners))
        {
            var activity = new LoggedUtf8Activity(logged.ConversationId, logged.Sequence, Encoding.UTF8.GetBytes(logged.Json));
            foreach (var listener in listeners.Items)
            {
                listener(activity);
            }
        }
    }

    private void Remove(string conversationId, Action<LoggedUtf8Activity> listener)
    {
        while (_byConversation.TryGetValue(conversationId, out var current))
        {
            var remaining = current.Items.Where(l => l != listener).ToArray();
            var done = remaining.Length == 0
                ? _byConversation.TryRemove(new(conversationId, current))
                : _byConversation.TryUpdate(conversationId, new(remaining), current);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableListeners(Action<LoggedUtf8Activity>[] Items);

    private sealed class Subscription(ActivitySubscriptions owner, string conversationId, Action<LoggedUtf8Activity> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(conversationId, listener);
            }
        }
    }
}

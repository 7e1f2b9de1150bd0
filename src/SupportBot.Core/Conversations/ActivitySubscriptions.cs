using System.Collections.Concurrent;

namespace SupportBot.Conversations;

/// <summary>This process's listeners for appended activities, by conversation.</summary>
internal sealed class ActivitySubscriptions
{
    private readonly ConcurrentDictionary<string, ImmutableListeners> _byConversation = new(StringComparer.Ordinal);

    public IDisposable Add(string conversationId, Action<LoggedActivity> listener)
    {
        _byConversation.AddOrUpdate(conversationId, _ => new([listener]), (_, l) => new([.. l.Items, listener]));
        return new Subscription(this, conversationId, listener);
    }

    public void Publish(LoggedActivity activity)
    {
        if (_byConversation.TryGetValue(activity.ConversationId, out var listeners))
        {
            foreach (var listener in listeners.Items)
            {
                listener(activity);
            }
        }
    }

    private void Remove(string conversationId, Action<LoggedActivity> listener)
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

    private sealed record ImmutableListeners(Action<LoggedActivity>[] Items);

    private sealed class Subscription(ActivitySubscriptions owner, string conversationId, Action<LoggedActivity> listener) : IDisposable
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

using System.Collections.Concurrent;

namespace SupportBot.Conversations;

/// <summary>
/// Items with an expiry, for the in-memory twins of stores whose Redis keys have a TTL: an expired item is gone for
/// readers at once, and every <see cref="SavesBetweenSweeps"/> saves the expired ones are dropped, so items that
/// nobody asks for again leave memory too (as Redis drops an expired key) instead of piling up for the process's life.
/// </summary>
internal sealed class ExpiringItems<TValue>(TimeProvider clock)
{
    private const int SavesBetweenSweeps = 256;

    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Expires)> _items = new(StringComparer.Ordinal);
    private int _saves;

    public int Count => _items.Count;

    public void Set(string key, TValue value, TimeSpan ttl)
    {
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref _saves) % SavesBetweenSweeps == 0)
        {
            foreach (var (staleKey, stale) in _items.Where(i => i.Value.Expires <= now))
            {
                _items.TryRemove(new(staleKey, stale));
            }
        }

        _items[key] = (value, now + ttl);
    }

    public bool TryGet(string key, out TValue value)
    {
        if (_items.TryGetValue(key, out var item))
        {
            if (item.Expires > clock.GetUtcNow())
            {
                value = item.Value;
                return true;
            }

            _items.TryRemove(new(key, item));
        }

        value = default!;
        return false;
    }

    public void Remove(string key) => _items.TryRemove(key, out _);

    /// <summary>Drops every item, expired or not, whose value matches (a customer forgotten).</summary>
    public void RemoveWhere(Func<TValue, bool> match)
    {
        foreach (var item in _items.Where(i => match(i.Value.Value)))
        {
            _items.TryRemove(item);
        }
    }
}

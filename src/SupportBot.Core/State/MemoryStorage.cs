using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SupportBot.State;

/// <summary>In-process twin of <see cref="RedisStorage"/>: same eTag and TTL rules, gone when the process stops.</summary>
public sealed class MemoryStorage(IOptions<StateOptions> options, TimeProvider clock) : IStorage
{
    private readonly Dictionary<string, (string Json, string ETag, DateTimeOffset? Expires)> _items = [];
    private readonly Lock _gate = new();

    public MemoryStorage() : this(Options.Create(new StateOptions()), TimeProvider.System) { }

    public Task<IDictionary<string, JsonObject>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, JsonObject>();
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var entry) && !(entry.Expires <= now))
                {
                    result[key] = StoreItems.FromStoredJson(entry.Json, entry.ETag);
                }
            }
        }

        return Task.FromResult<IDictionary<string, JsonObject>>(result);
    }

    public Task WriteAsync(IDictionary<string, JsonObject> changes, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            foreach (var (key, item) in changes)
            {
                var expected = StoreItems.ExpectedETag(item);
                var exists = _items.TryGetValue(key, out var current) && !(current.Expires <= now);
                if (expected is not null && (!exists || current.ETag != expected))
                {
                    throw new ETagConflictException(key);
                }

                var etag = StoreItems.NewETag();
                var ttl = options.Value.TtlFor(key);
                _items[key] = (StoreItems.ToStoredJson(item), etag, ttl is null ? null : now + ttl);
                item[StoreItems.ETagProperty] = etag;
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in _items.Keys.Where(k => StateKeys.Belongs(k, customerId, conversationIds)).ToList())
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SupportBot.Conversations;

/// <summary>In-process twin of <see cref="RedisConversationReferences"/>, with the same time to live.</summary>
public sealed class MemoryConversationReferences(TimeProvider clock, IOptions<ConversationOptions> options) : IConversationReferences
{
    private readonly ConcurrentDictionary<string, (ConversationReference Reference, DateTimeOffset Expires)> _items = new(StringComparer.Ordinal);

    public Task SaveAsync(string conversationId, ConversationReference reference, CancellationToken cancellationToken = default)
    {
        _items[conversationId] = (reference, clock.GetUtcNow() + options.Value.Ttl);
        return Task.CompletedTask;
    }

    public Task<ConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        if (!_items.TryGetValue(conversationId, out var item))
        {
            return Task.FromResult<ConversationReference?>(null);
        }

        if (item.Expires > clock.GetUtcNow())
        {
            return Task.FromResult<ConversationReference?>(item.Reference);
        }

        _items.TryRemove(new(conversationId, item));
        return Task.FromResult<ConversationReference?>(null);
    }

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in conversationIds)
        {
            _items.TryRemove(id, out _);
        }

        return Task.CompletedTask;
    }
}

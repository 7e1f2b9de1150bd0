using Microsoft.Extensions.Options;

namespace SupportBot.Conversations;

/// <summary>In-process twin of <see cref="RedisConversationReferences"/>, with the same time to live.</summary>
public sealed class MemoryConversationReferences(TimeProvider clock, IOptions<ConversationOptions> options) : IConversationReferences
{
    private readonly ExpiringItems<ConversationReference> _items = new(clock);

    internal int Count => _items.Count;

    public Task SaveAsync(string conversationId, ConversationReference reference, CancellationToken cancellationToken = default)
    {
        _items.Set(conversationId, reference, options.Value.Ttl);
        return Task.CompletedTask;
    }

    public Task<ConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGet(conversationId, out var reference) ? reference : null);

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in conversationIds)
        {
            _items.Remove(id);
        }

        return Task.CompletedTask;
    }
}

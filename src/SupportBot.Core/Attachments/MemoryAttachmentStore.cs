using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Attachments;

/// <summary>In-process twin of <see cref="RedisAttachmentStore"/>, with the same time-to-live.</summary>
public sealed class MemoryAttachmentStore(IOptions<ConversationOptions> options, TimeProvider clock) : IAttachmentStore
{
    private readonly ConcurrentDictionary<string, (StoredAttachment Attachment, DateTimeOffset Expires)> _items = new(StringComparer.Ordinal);

    public Task<string> SaveAsync(StoredAttachment attachment, CancellationToken cancellationToken = default)
    {
        var id = ActivityIds.NewId();
        _items[id] = (attachment, clock.GetUtcNow() + options.Value.Ttl);
        return Task.FromResult(id);
    }

    public Task<StoredAttachment?> GetAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        if (_items.TryGetValue(attachmentId, out var item))
        {
            if (item.Expires > clock.GetUtcNow())
            {
                return Task.FromResult<StoredAttachment?>(item.Attachment);
            }

            _items.TryRemove(attachmentId, out _);
        }

        return Task.FromResult<StoredAttachment?>(null);
    }

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        foreach (var item in _items.Where(i => conversationIds.Contains(i.Value.Attachment.ConversationId)))
        {
            _items.TryRemove(item);
        }

        return Task.CompletedTask;
    }
}

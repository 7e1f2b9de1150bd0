using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Attachments;

/// <summary>In-process twin of <see cref="RedisAttachmentStore"/>, with the same time-to-live.</summary>
public sealed class MemoryAttachmentStore(IOptions<ConversationOptions> options, TimeProvider clock) : IAttachmentStore
{
    private readonly ExpiringItems<StoredAttachment> _items = new(clock);

    internal int Count => _items.Count;

    public Task<string> SaveAsync(StoredAttachment attachment, CancellationToken cancellationToken = default)
    {
        var id = ActivityIds.NewId();
        _items.Set(id, attachment, options.Value.Ttl);
        return Task.FromResult(id);
    }

    public Task<StoredAttachment?> GetAsync(string attachmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGet(attachmentId, out var attachment) ? attachment : null);

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        _items.RemoveWhere(attachment => conversationIds.Contains(attachment.ConversationId));
        return Task.CompletedTask;
    }
}

using Microsoft.Extensions.Options;
using SupportBot.Attachments;
using SupportBot.Conversations;

namespace SupportBot.Tests.Infrastructure;

/// <summary>The in-memory attachment store, counting what it is asked to save: a refused upload must save nothing.</summary>
public sealed class CountingAttachmentStore : IAttachmentStore
{
    private readonly MemoryAttachmentStore _inner = new(Options.Create(new ConversationOptions()), TimeProvider.System);
    private int _count;

    public int Count => _count;

    public Task<string> SaveAsync(StoredAttachment attachment, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return _inner.SaveAsync(attachment, cancellationToken);
    }

    public Task<StoredAttachment?> GetAsync(string attachmentId, CancellationToken cancellationToken = default) =>
        _inner.GetAsync(attachmentId, cancellationToken);

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default) =>
        _inner.ForgetAsync(customerId, conversationIds, cancellationToken);
}

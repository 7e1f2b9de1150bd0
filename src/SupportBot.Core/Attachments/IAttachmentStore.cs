using SupportBot.Conversations;

namespace SupportBot.Attachments;

/// <summary>Uploaded files, kept as long as their conversation (Conversations:Ttl) and found by an unguessable id.</summary>
public interface IAttachmentStore : ICustomerData
{
    Task<string> SaveAsync(StoredAttachment attachment, CancellationToken cancellationToken = default);

    Task<StoredAttachment?> GetAsync(string attachmentId, CancellationToken cancellationToken = default);
}

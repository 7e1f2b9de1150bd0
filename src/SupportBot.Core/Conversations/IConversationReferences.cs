namespace SupportBot.Conversations;

/// <summary>
/// The <see cref="ConversationReference"/> of every conversation from /api/messages, by our conversation id, kept as
/// long as the conversation: agents' messages and queue updates reach the customer through it after their turn ended.
/// </summary>
public interface IConversationReferences : ICustomerData
{
    /// <summary>Keeps the reference (replacing the last one) and renews its time to live.</summary>
    Task SaveAsync(string conversationId, ConversationReference reference, CancellationToken cancellationToken = default);

    Task<ConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken = default);
}

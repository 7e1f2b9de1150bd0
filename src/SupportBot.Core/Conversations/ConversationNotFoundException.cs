namespace SupportBot.Conversations;

public sealed class ConversationNotFoundException(string conversationId)
    : Exception($"Conversation '{conversationId}' does not exist or has expired.")
{
    public string ConversationId { get; } = conversationId;
}

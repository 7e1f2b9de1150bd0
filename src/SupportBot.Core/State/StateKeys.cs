using SupportBot.Conversations;

namespace SupportBot.State;

/// <summary>The storage keys of <see cref="UserState"/> ("{channelId}/users/{userId}") and <see cref="ConversationState"/> ("{channelId}/conversations/{conversationId}").</summary>
public static class StateKeys
{
    private const string Users = "users/";
    private const string Conversations = "conversations/";

    public static string User(string channelId, string userId) => $"{channelId}/{Users}{userId}";

    public static string Conversation(string channelId, string conversationId) => $"{channelId}/{Conversations}{conversationId}";

    /// <summary>
    /// The key of a conversation's state on the channel its id names (<see cref="ChannelConversationIds.ChannelOf"/>):
    /// what the conversation log reads with each turn it hands out. A turn whose activity names another channel reads
    /// its own key instead.
    /// </summary>
    public static string ForConversationId(string conversationId) =>
        Conversation(ChannelConversationIds.ChannelOf(conversationId), conversationId);

    /// <summary>The key is the customer's user state, or the state of one of their conversations (on any channel; channel ids have no '/').</summary>
    public static bool Belongs(string storageKey, string customerId, IReadOnlyCollection<string> conversationIds)
    {
        var rest = storageKey[(storageKey.IndexOf('/') + 1)..];
        return rest == Users + customerId
            || rest.StartsWith(Conversations, StringComparison.Ordinal) && conversationIds.Contains(rest[Conversations.Length..]);
    }
}

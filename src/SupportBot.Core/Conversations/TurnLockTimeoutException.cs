namespace SupportBot.Conversations;

/// <summary>Another turn of the conversation held its lock for longer than the wait limit: this turn did not run.</summary>
public sealed class TurnLockTimeoutException(string conversationId, TimeSpan waited)
    : Exception($"Conversation '{conversationId}' stayed locked by another turn for {waited.TotalSeconds:0.#} s.")
{
    public string ConversationId { get; } = conversationId;
}

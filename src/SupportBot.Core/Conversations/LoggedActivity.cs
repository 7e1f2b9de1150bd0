namespace SupportBot.Conversations;

/// <summary>An activity as stored in a conversation's log: its sequence (the watermark after it) and its final JSON.</summary>
public sealed record LoggedActivity(string ConversationId, long Sequence, string Json);

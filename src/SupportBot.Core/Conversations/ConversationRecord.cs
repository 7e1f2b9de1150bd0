namespace SupportBot.Conversations;

/// <summary>Who a conversation belongs to and when it began.</summary>
public sealed record ConversationRecord(string Id, string UserId, string? UserName, string? Locale, DateTimeOffset CreatedAt);

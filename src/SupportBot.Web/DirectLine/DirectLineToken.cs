namespace SupportBot.Web.DirectLine;

/// <summary>What a conversation token grants: one conversation, as one user, until it expires.</summary>
public sealed record DirectLineToken(string ConversationId, string UserId, string? UserName, DateTimeOffset ExpiresAt);

namespace SupportBot.Conversations;

/// <summary>An activity as stored in a conversation's log: its sequence (the watermark after it) and its final JSON.</summary>
public sealed record LoggedActivity(string ConversationId, long Sequence, string Json);

/// <summary>
/// A logged activity with its JSON as the UTF-8 bytes the store holds: for a reader that only passes the JSON on (the
/// archive worker binds it to SQL as it is), which a string would cost a decode and an encode, and three times the
/// memory, for nothing.
/// </summary>
public sealed record LoggedUtf8Activity(string ConversationId, long Sequence, byte[] Utf8Json);

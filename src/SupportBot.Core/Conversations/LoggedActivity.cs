namespace SupportBot.Conversations;

/// <summary>An activity as stored in a conversation's log: its sequence (the watermark after it) and its final JSON.</summary>
public sealed record LoggedActivity(string ConversationId, long Sequence, string Json);

/// <summary>
/// A logged activity with its JSON as the UTF-8 bytes the store holds: for a reader that only passes the JSON on (the
/// archive worker binds it to SQL as it is), to which a string would add a decode, an encode and a copy of the JSON
/// twice the size of the bytes (in English) for nothing.
/// </summary>
public sealed record LoggedUtf8Activity(string ConversationId, long Sequence, byte[] Utf8Json);

namespace SupportBot.Conversations;

/// <summary>An activity as stored in a conversation's log: its sequence (the watermark after it) and its final JSON.</summary>
public sealed record LoggedActivity(string ConversationId, long Sequence, string Json);

/// <summary>
/// A logged activity with its JSON as the UTF-8 bytes the store holds: for a reader that only passes the JSON on (the
/// archive worker binds it to SQL as it is, a customer's stream copies it into a WebSocket frame), to which a string
/// would add a decode, an encode and a copy of the JSON twice the size of the bytes (in English) for nothing. The
/// bytes are the store's own: a read's array, or the part of a pub/sub message after its header.
/// </summary>
public sealed record LoggedUtf8Activity(string ConversationId, long Sequence, ReadOnlyMemory<byte> Utf8Json);

namespace SupportBot.Attachments;

/// <summary>
/// A file a customer uploaded, as kept for serving back by its content URL. <see cref="ConversationId"/> is the
/// conversation it was uploaded into: only that conversation's token, or a URL signed for it, may read the file.
/// </summary>
public sealed record StoredAttachment(string ContentType, string Name, byte[] Data, string ConversationId);

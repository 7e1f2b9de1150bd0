namespace SupportBot.Attachments;

/// <summary>A file a customer uploaded, as kept for serving back by its content URL.</summary>
public sealed record StoredAttachment(string ContentType, string Name, byte[] Data);

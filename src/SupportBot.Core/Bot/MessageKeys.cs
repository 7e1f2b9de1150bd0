namespace SupportBot.Bot;

/// <summary>Keys of dialogs/common.json that the code relies on; loading fails if one is missing.</summary>
public static class MessageKeys
{
    public const string Welcome = "welcome";
    public const string Capabilities = "capabilities";
    public const string AttachmentReceived = "attachmentReceived";
    public const string Apology = "apology";

    public static IReadOnlyList<string> Required { get; } = [Welcome, Capabilities, AttachmentReceived, Apology];
}

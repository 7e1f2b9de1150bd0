namespace SupportBot.Bench;

/// <summary>
/// The texts customers and agents exchange in the handoff benchmark. Every measured message carries a token unique
/// in the run, and the agent's answer to it is derived from it, so each side finds the message it waits for by text.
/// </summary>
internal static class HandoffTexts
{
    /// <summary>A whole-message "human" word (dialogs/common.json): the bot always hands off on it, reason customer_request.</summary>
    public const string AskForAgent = "agent";

    /// <summary>Part of the bot's handoffAccepted message in English (dialogs/common.json): an agent now owns the chat.</summary>
    public const string AgentJoined = "has joined the chat";

    private const string MessagePrefix = "bench-message ";
    private const string ReplyPrefix = "bench-reply ";

    public static string Message(int customer, int sequence) => $"{MessagePrefix}c{customer:D4}-m{sequence}";

    public static bool IsMessage(string? text) => text?.StartsWith(MessagePrefix, StringComparison.Ordinal) == true;

    public static string Reply(string message) => ReplyPrefix + message[MessagePrefix.Length..];

    public static bool IsReply(string? text) => text?.StartsWith(ReplyPrefix, StringComparison.Ordinal) == true;
}

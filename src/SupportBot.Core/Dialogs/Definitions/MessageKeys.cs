namespace SupportBot.Dialogs;

/// <summary>Keys of dialogs/common.json that the code relies on; loading fails if one is missing.</summary>
public static class MessageKeys
{
    public const string Welcome = "welcome";
    public const string AttachmentReceived = "attachmentReceived";
    public const string Apology = "apology";
    public const string SendAgain = "sendAgain";
    public const string Delayed = "delayed";
    public const string NotUnderstood = "notUnderstood";

    /// <summary>What the bot says to a message its classifier recognises as off-topic (with the welcome topics).</summary>
    public const string OutOfScope = "outOfScope";
    public const string DidYouMean = "didYouMean";
    public const string SomethingElse = "somethingElse";
    public const string AskHelped = "askHelped";
    public const string Yes = "yes";
    public const string No = "no";
    public const string HelpedYes = "helpedYes";
    public const string HelpedNo = "helpedNo";
    public const string Cancelled = "cancelled";
    public const string NothingToCancel = "nothingToCancel";
    public const string Help = "help";
    public const string HelpInFlow = "helpInFlow";
    public const string Resume = "resume";
    public const string GaveUp = "gaveUp";
    public const string ConfirmRetry = "confirmRetry";

    public static IReadOnlyList<string> Required { get; } =
    [
        Welcome, AttachmentReceived, Apology, SendAgain, Delayed, NotUnderstood, OutOfScope, DidYouMean, SomethingElse, AskHelped, Yes, No, HelpedYes,
        HelpedNo, Cancelled, NothingToCancel, Help, HelpInFlow, Resume, GaveUp, ConfirmRetry,
    ];

    /// <summary>Button lists (of intents) common.json must define.</summary>
    public static IReadOnlyList<string> RequiredSuggestions { get; } = [Welcome, NotUnderstood, HelpedNo];
}

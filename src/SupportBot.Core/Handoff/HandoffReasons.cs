namespace SupportBot.Handoff;

/// <summary>Why the bot handed a conversation to a person: recorded with the hand-off, shown as a badge to agents.</summary>
public static class HandoffReasons
{
    /// <summary>The customer asked for a person (in words, or with the button).</summary>
    public const string CustomerRequest = "customer_request";

    /// <summary>The classifier stayed below its threshold after the bot had asked once to clarify.</summary>
    public const string LowConfidence = "low_confidence";

    /// <summary>Consecutive misunderstandings reached Handoff:MaxMisunderstandings.</summary>
    public const string Misunderstood = "misunderstood";

    /// <summary>The intent is one of Handoff:AlwaysHumanIntents (a complaint, an account deletion).</summary>
    public const string AlwaysHuman = "always_human_intent";

    /// <summary>The customer sent the same message again and again.</summary>
    public const string RepeatedMessage = "repeated_message";

    /// <summary>The message has one of the angry phrases of dialogs/common.json.</summary>
    public const string AngryPhrase = "angry_phrase";

    public static IReadOnlyList<string> All { get; } = [CustomerRequest, LowConfidence, Misunderstood, AlwaysHuman, RepeatedMessage, AngryPhrase];
}

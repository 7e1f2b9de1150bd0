namespace SupportBot.Intents;

/// <summary>Intent labels the code itself relies on; the rest come from the training data.</summary>
public static class IntentNames
{
    /// <summary>The label of utterances the support desk does not handle, and the answer when nothing is confident.</summary>
    public const string OutOfScope = "out_of_scope";

    /// <summary>The customer asks for a person: the bot hands the conversation off (Handoff:OnCustomerRequest).</summary>
    public const string TalkToHuman = "talk_to_human";
}

using SupportBot.Dialogs;
using SupportBot.Intents;

namespace SupportBot.Handoff;

/// <summary>
/// Decides when a message should go to a person rather than the bot (each rule switched by
/// <see cref="HandoffOptions"/>). Pure: reads the message, what the classifier made of it and the conversation's
/// <see cref="HandoffMemory"/>, and updates only the repeat count.
/// </summary>
public sealed class EscalationRules(HandoffOptions options)
{
    public HandoffOptions Options => options;

    /// <summary>
    /// The reason to hand off before the dialogs answer, or null. <paramref name="buttonTopic"/> is the intent of a
    /// topic button the customer pressed; <paramref name="questionWaiting"/> says a dialog waits for an answer
    /// (an order number, an address), when only a confident intent counts. A button (<paramref name="isButton"/>)
    /// counts only by the topic it names.
    /// </summary>
    public string? BeforeTurn(
        HandoffMemory memory, DialogCatalog catalog, string? text, bool isButton, string? buttonTopic, IntentResult? intent, bool questionWaiting, float topicSwitchConfidence)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var wasClarifying = memory.Clarifying;
        memory.Clarifying = false;
        var repeats = isButton ? memory.Repeats : CountRepeat(memory, catalog, text);
        var understood = !isButton && intent is { IsOutOfScope: false, IsAmbiguous: false }
            && (!questionWaiting || intent.Confidence >= topicSwitchConfidence) ? intent.Intent : null;
        var topic = buttonTopic ?? understood;

        if (options.OnCustomerRequest && (topic == IntentNames.TalkToHuman || (!isButton && catalog.IsWord(CommandWords.Human, text))))
        {
            return HandoffReasons.CustomerRequest;
        }

        if (options.OnAngryPhrases && !isButton && catalog.ContainsPhrase(CommandWords.Angry, text))
        {
            return HandoffReasons.AngryPhrase;
        }

        if (options.RepeatedMessages > 0 && repeats >= options.RepeatedMessages)
        {
            return HandoffReasons.RepeatedMessage;
        }

        // After the signs of frustration, which rank higher in the queue: an angry complaint is angry first.
        if (topic is not null && options.HumanIntents.Contains(topic))
        {
            return HandoffReasons.AlwaysHuman;
        }

        var lowConfidence = !isButton && !string.IsNullOrWhiteSpace(text) && (intent is null || intent.IsOutOfScope || intent.IsAmbiguous);
        if (options.OnLowConfidence && wasClarifying && !questionWaiting && lowConfidence && !IsCommand(catalog, text))
        {
            return HandoffReasons.LowConfidence;
        }

        return null;
    }

    /// <summary>True when misunderstandings in a row have reached Handoff:MaxMisunderstandings.</summary>
    public bool TooManyMisunderstandings(int misunderstandings) =>
        options.Enabled && options.MaxMisunderstandings > 0 && misunderstandings >= options.MaxMisunderstandings;

    // Short answers ("yes", "cancel") legitimately come again and again; only real messages count as repeats.
    private static int CountRepeat(HandoffMemory memory, DialogCatalog catalog, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || IsCommand(catalog, text))
        {
            return memory.Repeats;
        }

        var normalized = DialogCatalog.NormalizeWord(text);
        memory.Repeats = normalized == memory.LastText ? memory.Repeats + 1 : 1;
        memory.LastText = normalized;
        return memory.Repeats;
    }

    private static bool IsCommand(DialogCatalog catalog, string? text) =>
        catalog.IsWord(CommandWords.Yes, text) || catalog.IsWord(CommandWords.No, text)
        || catalog.IsWord(CommandWords.Cancel, text) || catalog.IsWord(CommandWords.Help, text);
}

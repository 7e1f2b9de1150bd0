using SupportBot.Intents;

namespace SupportBot.Handoff.Escalation;

/// <summary>
/// Decides when a message should go to a person rather than the bot (each rule switched by
/// <see cref="HandoffOptions"/>). Pure: reads the message (through <see cref="ICustomerWords"/>), what the classifier
/// made of it and the conversation's <see cref="HandoffMemory"/>, and updates only the repeat count.
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
        HandoffMemory memory, ICustomerWords words, string? text, bool isButton, string? buttonTopic, IntentResult? intent, bool questionWaiting, float topicSwitchConfidence)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var wasClarifying = memory.Clarifying;
        memory.Clarifying = false;
        var repeats = isButton ? memory.Repeats : CountRepeat(memory, words, text);
        var understood = !isButton && intent is { IsOutOfScope: false, IsAmbiguous: false }
            && (!questionWaiting || intent.Confidence >= topicSwitchConfidence) ? intent.Intent : null;
        var topic = buttonTopic ?? understood;

        if (options.OnCustomerRequest && (topic == IntentNames.TalkToHuman || (!isButton && words.AsksForHuman(text))))
        {
            return HandoffReasons.CustomerRequest;
        }

        if (options.OnAngryPhrases && !isButton && words.SoundsAngry(text))
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

        // An off-topic message is understood (and answered with the topics and a person on offer), so it never counts here.
        var lowConfidence = !isButton && !string.IsNullOrWhiteSpace(text)
            && (intent is null || (intent.IsOutOfScope && !intent.IsOffTopic) || intent.IsAmbiguous);
        if (options.OnLowConfidence && wasClarifying && !questionWaiting && lowConfidence && !words.IsCommand(text))
        {
            return HandoffReasons.LowConfidence;
        }

        return null;
    }

    /// <summary>True when misunderstandings in a row have reached Handoff:MaxMisunderstandings.</summary>
    public bool TooManyMisunderstandings(int misunderstandings) =>
        options.Enabled && options.MaxMisunderstandings > 0 && misunderstandings >= options.MaxMisunderstandings;

    // Short answers ("yes", "cancel") legitimately come again and again; only real messages count as repeats.
    private static int CountRepeat(HandoffMemory memory, ICustomerWords words, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || words.IsCommand(text))
        {
            return memory.Repeats;
        }

        var normalized = words.Normalize(text);
        memory.Repeats = normalized == memory.LastText ? memory.Repeats + 1 : 1;
        memory.LastText = normalized;
        return memory.Repeats;
    }
}

namespace SupportBot.Handoff.Escalation;

/// <summary>
/// What the escalation rules need to know about the customer's words. The dialog files define the words in every
/// language, so the dialog runtime answers; the rules stay free of the dialogs they sit beside.
/// </summary>
public interface ICustomerWords
{
    /// <summary>The text is one of the words asking for a person ("human", "agent").</summary>
    bool AsksForHuman(string? text);

    /// <summary>The text contains an angry phrase.</summary>
    bool SoundsAngry(string? text);

    /// <summary>The text is a short command (yes, no, cancel, help): answers that legitimately come again and again.</summary>
    bool IsCommand(string? text);

    /// <summary>The text as repeats are compared (case and spacing folded).</summary>
    string Normalize(string text);
}

using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// A dialog file compiled to a flat list of steps. Each step names the one after it (<see cref="DialogStep.End"/>
/// when the dialog is over), so a conversation's place in a dialog is one number in its state.
/// </summary>
public sealed record DialogDefinition(
    string Intent,
    LocalizedText Title,
    bool AsksFeedback,
    IReadOnlyList<DialogStep> Steps,
    string Version,
    string File);

public abstract record DialogStep(int Next)
{
    public const int End = -1;
}

public sealed record SayStep(int Next, LocalizedText Text, IReadOnlyList<string> Suggest, CardSpec? Card, bool Typing) : DialogStep(Next);

public sealed record AskStep(int Next, string Slot, SlotType Type, LocalizedText Prompt, LocalizedText Retry) : DialogStep(Next);

public sealed record ConfirmStep(int Next, LocalizedText Question, LocalizedText No) : DialogStep(Next);

/// <summary>Runs an action; <see cref="Outcomes"/> maps each outcome to the step that follows it.</summary>
public sealed record CallStep(int Next, string Action, bool Typing, IReadOnlyDictionary<string, int> Outcomes) : DialogStep(Next);

public sealed record CardSpec(LocalizedText Title, LocalizedText? Text, IReadOnlyList<(LocalizedText Title, string Url)> Links);

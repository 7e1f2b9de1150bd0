using SupportBot.Handoff.Desk;
using SupportBot.Intents;

namespace SupportBot.Dialogs;

/// <summary>The intents of the dialogs loaded now (not the leave-a-message dialog), and out-of-scope: what an agent may pick.</summary>
public sealed class DialogIntentList(DialogCatalogProvider dialogs) : IIntentList
{
    public IReadOnlyList<string> Current() =>
        [.. dialogs.Current.Dialogs.Keys.Where(k => k != Handoff.Escalation.HandoffMessages.LeaveMessageDialog).Order(StringComparer.Ordinal), IntentNames.OutOfScope];
}

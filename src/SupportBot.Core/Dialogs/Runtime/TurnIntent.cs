using SupportBot.Builder;
using SupportBot.Intents;

namespace SupportBot.Dialogs;

/// <summary>
/// What the classifier made of the turn's message, handed to the dialogs as the typed result in the turn state
/// (as the Bot Framework SDK shares per-turn values). The intent entity on the activity is for the log (agents,
/// retraining); it is read back only for a turn that has no typed result, such as one recovered from the log.
/// </summary>
public static class TurnIntent
{
    public const string TurnStateKey = "SupportBot.Intent";

    public static void Set(ITurnContext turnContext, IntentResult result) => turnContext.TurnState[TurnStateKey] = result;

    public static IntentResult? Read(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(TurnStateKey, out var value) && value is IntentResult typed
            ? typed
            : IntentEntity.Read(turnContext.Activity);
}

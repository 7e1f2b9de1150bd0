using SupportBot.Schema;

namespace SupportBot.Dialogs;

/// <summary>The bot's own questions between dialogs: "did you mean A or B?" and "did that help?", asked and answered.</summary>
internal sealed class PendingQuestions(TurnScope s)
{
    private DialogMemory Memory => s.Memory;

    public async Task AskChoiceAsync(DialogDefinition first, DialogDefinition second, CancellationToken ct)
    {
        Memory.Handoff.Clarifying = true;
        Memory.Choice = new PendingChoice { Intents = [first.Intent, second.Intent], UtteranceId = s.Activity.Id };
        var text = s.Message(MessageKeys.DidYouMean)
            .Replace("{first}", first.Title[s.Language], StringComparison.Ordinal)
            .Replace("{second}", second.Title[s.Language], StringComparison.Ordinal);
        await s.SendAsync(DialogReplies.WithButtons(text, s.Language,
        [
            (first.Title[s.Language], Choose(first.Intent)),
            (second.Title[s.Language], Choose(second.Intent)),
            (s.Message(MessageKeys.SomethingElse), Choose("")),
        ]), ct);
    }

    /// <summary>True when the message answered the "did you mean" question; false when the customer wrote something new.</summary>
    public async Task<bool> AnswerChoiceAsync(PendingChoice choice, CancellationToken ct)
    {
        Memory.Choice = null;
        var chosen = s.Button is { Kind: DialogValues.Choose } ? s.Button.Value.Intent
            : choice.Intents.FirstOrDefault(i => s.Catalog.Find(i)?.Title.Texts.Values.Any(t => DialogCatalog.NormalizeWord(t) == DialogCatalog.NormalizeWord(s.Text ?? "")) == true);
        if (chosen == "")
        {
            await s.Router.NotUnderstoodAsync(ct);
            return true;
        }

        if (chosen is null || s.Catalog.Find(chosen) is null)
        {
            return false; // the customer wrote something new instead
        }

        await s.SendAsync(DialogReplies.Event(DialogValues.IntentChosenEvent, new { utteranceId = choice.UtteranceId, intent = chosen }), ct);
        Memory.Misunderstandings = 0;
        s.Topics.PauseActive();
        await s.Steps.StartAsync(chosen, choice.UtteranceId, RunMode.Fresh, ct);
        return true;
    }

    public async Task AskFeedbackAsync(DialogDefinition dialog, DialogFrame frame, CancellationToken ct)
    {
        Memory.Feedback = new PendingFeedback { Intent = dialog.Intent, UtteranceId = frame.UtteranceId };
        await s.SendAsync(DialogReplies.YesNo(s.Message(MessageKeys.AskHelped), s.Language, s.Catalog), ct);
    }

    /// <summary>True when the message answered "did that help?"; false when the customer moved on.</summary>
    public async Task<bool> AnswerFeedbackAsync(PendingFeedback feedback, CancellationToken ct)
    {
        Memory.Feedback = null;
        var helped = s.YesOrNo();
        if (helped is null)
        {
            return false; // no answer: the customer moved on
        }

        await s.SendAsync(DialogReplies.Event(DialogValues.FeedbackEvent, new { utteranceId = feedback.UtteranceId, intent = feedback.Intent, helped }), ct);
        if (helped.Value)
        {
            Memory.Misunderstandings = 0;
            await s.SayAsync(s.Message(MessageKeys.HelpedYes), ct);
        }
        else
        {
            Memory.Misunderstandings++;
            if (await s.Handoff.EscalateIfStuckAsync(RunMode.Fresh, ct))
            {
                return true;
            }

            await s.SendWithTopicsAsync(s.Message(MessageKeys.HelpedNo), MessageKeys.HelpedNo, ct);
        }

        return true;
    }

    private static Dictionary<string, string> Choose(string intentName) =>
        new() { [DialogValues.Kind] = DialogValues.Choose, [DialogValues.Intent] = intentName };
}

using SupportBot.Bot;
using SupportBot.Builder;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Dialogs;

/// <summary>
/// One customer message through the dialogs. In order: commands (cancel, help); the answer to a pending "did you
/// mean" or "did that help?" question; a topic button; the answer to the question the active dialog asked (or a
/// change of topic, which pauses that dialog); otherwise what the classifier understood.
/// </summary>
internal sealed partial class DialogTurn(
    DialogEngine engine, ITurnContext turn, DialogMemory memory, DialogCatalog catalog, IntentResult? intent, string language)
{
    private readonly Activity _activity = turn.Activity;
    private readonly string? _text = turn.Activity.Text?.Trim();
    private readonly (string Kind, string? Intent, bool? Yes)? _button = DialogReplies.ReadButton(turn.Activity.Value);
    private bool _skipFeedback;
    private bool _waitQuietly;
    private bool _answerWaiting;
    private bool _restarted;

    public async Task RunAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(_text) && _button is null)
        {
            if (_activity.Attachments is { Count: > 0 })
            {
                await SayAsync(catalog.Message(MessageKeys.AttachmentReceived, language), ct);
            }

            return;
        }

        if (memory.Handoff.Survey is { } survey && await AnswerSurveyAsync(survey, ct))
        {
            return;
        }

        if (ShouldEscalate() is { } reason)
        {
            await EscalateAsync(reason, ct);
            return;
        }

        if (_button is null && catalog.IsWord(CommandWords.Cancel, _text))
        {
            await CancelAsync(ct);
            return;
        }

        if (_button is null && catalog.IsWord(CommandWords.Help, _text))
        {
            await HelpAsync(ct);
            return;
        }

        if (memory.Choice is { } choice && await AnswerChoiceAsync(choice, ct))
        {
            return;
        }

        if (memory.Feedback is { } feedback && await AnswerFeedbackAsync(feedback, ct))
        {
            return;
        }

        if (_button is { Kind: DialogValues.Topic, Intent: { } topic } && catalog.Find(topic) is not null)
        {
            memory.Misunderstandings = 0;
            PauseActive();
            await StartAsync(topic, _activity.Id, ct);
            return;
        }

        if (memory.Active is { } frame && Dialog(frame) is { } dialog)
        {
            await AnswerStepAsync(frame, dialog, ct);
            return;
        }

        memory.Active = null;
        await UnderstandAsync(ct);
    }

    private async Task<bool> AnswerChoiceAsync(PendingChoice choice, CancellationToken ct)
    {
        memory.Choice = null;
        var chosen = _button is { Kind: DialogValues.Choose } ? _button.Value.Intent
            : choice.Intents.FirstOrDefault(i => catalog.Find(i)?.Title.Texts.Values.Any(t => DialogCatalog.NormalizeWord(t) == DialogCatalog.NormalizeWord(_text ?? "")) == true);
        if (chosen == "")
        {
            await NotUnderstoodAsync(ct);
            return true;
        }

        if (chosen is null || catalog.Find(chosen) is null)
        {
            return false; // the customer wrote something new instead
        }

        await turn.SendActivityAsync(DialogReplies.Event(DialogValues.IntentChosenEvent, new { utteranceId = choice.UtteranceId, intent = chosen }), ct);
        memory.Misunderstandings = 0;
        PauseActive();
        await StartAsync(chosen, choice.UtteranceId, ct);
        return true;
    }

    private async Task<bool> AnswerFeedbackAsync(PendingFeedback feedback, CancellationToken ct)
    {
        memory.Feedback = null;
        var helped = YesOrNo();
        if (helped is null)
        {
            return false; // no answer: the customer moved on
        }

        await turn.SendActivityAsync(DialogReplies.Event(DialogValues.FeedbackEvent, new { utteranceId = feedback.UtteranceId, intent = feedback.Intent, helped }), ct);
        if (helped.Value)
        {
            memory.Misunderstandings = 0;
            await SayAsync(catalog.Message(MessageKeys.HelpedYes, language), ct);
        }
        else
        {
            memory.Misunderstandings++;
            if (await EscalateIfStuckAsync(ct))
            {
                return true;
            }

            await turn.SendActivityAsync(DialogReplies.WithTopics(catalog.Message(MessageKeys.HelpedNo, language), language, catalog.Suggestions(MessageKeys.HelpedNo), catalog), ct);
        }

        return true;
    }

    private async Task AnswerStepAsync(DialogFrame frame, DialogDefinition dialog, CancellationToken ct)
    {
        if (_restarted)
        {
            // The dialog's file changed since its last question: run it again from the start (filled slots are
            // skipped) and let this message answer the first question still open.
            _answerWaiting = true;
            await RunAsync(frame, dialog, 0, ct);
            return;
        }

        switch (dialog.Steps[frame.Step])
        {
            case AskStep ask:
                if (ask.Type == SlotType.Text && IsNewTopic(dialog))
                {
                    await SwitchTopicAsync(ct);
                    return;
                }

                if (engine.Recognizer.Recognize(ask.Type, _text, answeringPrompt: true) is { } answer)
                {
                    memory.Slots[ask.Slot] = answer;
                    memory.Misunderstandings = 0;
                    frame.Attempts = 0;
                    await RunAsync(frame, dialog, ask.Next, ct);
                }
                else if (IsNewTopic(dialog))
                {
                    await SwitchTopicAsync(ct);
                }
                else if (intent is { IsOutOfScope: false } again && again.Intent == dialog.Intent)
                {
                    await SayAsync(Fill(ask.Prompt[language], frame), ct); // the question restated: ask once more, no harm done
                }
                else
                {
                    await RetryAsync(frame, dialog, DialogReplies.Text(ask.Retry[language], language), ct);
                }

                return;

            case ConfirmStep confirm:
                switch (YesOrNo())
                {
                    case true:
                        memory.Misunderstandings = 0;
                        frame.Attempts = 0;
                        await RunAsync(frame, dialog, confirm.Next, ct);
                        break;
                    case false:
                        await DeclineAsync(confirm, frame, ct);
                        break;
                    case null when IsNewTopic(dialog):
                        await SwitchTopicAsync(ct);
                        break;
                    default:
                        await RetryAsync(frame, dialog, DialogReplies.YesNo(catalog.Message(MessageKeys.ConfirmRetry, language), language, catalog), ct);
                        break;
                }

                return;

            default:
                // A frame only ever waits on a question; anything else means the dialog changed under it.
                memory.Active = null;
                await UnderstandAsync(ct);
                return;
        }
    }

    /// <summary>A message with no dialog waiting: what the classifier made of it decides.</summary>
    private async Task UnderstandAsync(CancellationToken ct)
    {
        if (intent is null || intent.IsOutOfScope || catalog.Find(intent.Intent) is null)
        {
            await NotUnderstoodAsync(ct);
            return;
        }

        if (intent.IsAmbiguous && intent.Top.Count > 1 && catalog.Find(intent.Top[1].Intent) is { } second)
        {
            var first = catalog.Find(intent.Top[0].Intent)!;
            memory.Handoff.Clarifying = true;
            memory.Choice = new PendingChoice { Intents = [first.Intent, second.Intent], UtteranceId = _activity.Id };
            var text = catalog.Message(MessageKeys.DidYouMean, language)
                .Replace("{first}", first.Title[language], StringComparison.Ordinal)
                .Replace("{second}", second.Title[language], StringComparison.Ordinal);
            await turn.SendActivityAsync(DialogReplies.WithButtons(text, language,
            [
                (first.Title[language], Choose(first.Intent)),
                (second.Title[language], Choose(second.Intent)),
                (catalog.Message(MessageKeys.SomethingElse, language), Choose("")),
            ]), ct);
            return;
        }

        memory.Misunderstandings = 0;
        await StartAsync(intent.Intent, _activity.Id, ct);
    }

    private async Task NotUnderstoodAsync(CancellationToken ct)
    {
        memory.Misunderstandings++;
        if (await EscalateIfStuckAsync(ct))
        {
            return;
        }

        memory.Handoff.Clarifying = true;
        await turn.SendActivityAsync(DialogReplies.WithTopics(
            catalog.Message(MessageKeys.NotUnderstood, language), language, catalog.Suggestions(MessageKeys.NotUnderstood), catalog), ct);
    }

    private async Task StartAsync(string intentName, string? utteranceId, CancellationToken ct)
    {
        var dialog = catalog.Find(intentName)!;
        foreach (var ask in dialog.Steps.OfType<AskStep>())
        {
            // A value given in passing ("where is ORD-10001?") fills its slot, replacing an older one.
            if (engine.Recognizer.Recognize(ask.Type, _text, answeringPrompt: false) is { } value)
            {
                memory.Slots[ask.Slot] = value;
            }
        }

        var frame = new DialogFrame { Intent = dialog.Intent, Version = dialog.Version, UtteranceId = utteranceId };
        await RunAsync(frame, dialog, 0, ct);
    }

    /// <summary>
    /// Runs steps from <paramref name="index"/> until one waits for the customer or the dialog ends. When a call
    /// forgets a slot (an order that does not exist), its outcome's message has asked for it again: the dialog then
    /// waits at its start for the new value, at most <see cref="BotOptions.MaxSlotAttempts"/> times.
    /// </summary>
    private async Task RunAsync(DialogFrame frame, DialogDefinition dialog, int index, CancellationToken ct)
    {
        memory.Active = frame;
        while (true)
        {
            var forgot = false;
            while (index != DialogStep.End)
            {
                frame.Step = index;
                switch (dialog.Steps[index])
                {
                    case SayStep say:
                        await SendAsync(say, frame, ct);
                        index = say.Next;
                        break;

                    case AskStep ask when memory.Slots.ContainsKey(ask.Slot):
                        index = ask.Next;
                        break;

                    case AskStep ask when TakeWaitingAnswer():
                        if (engine.Recognizer.Recognize(ask.Type, _text, answeringPrompt: true) is { } answer)
                        {
                            memory.Slots[ask.Slot] = answer;
                            index = ask.Next;
                            break;
                        }

                        await RetryAsync(frame, dialog, DialogReplies.Text(ask.Retry[language], language), ct);
                        return;

                    case AskStep ask:
                        if (!_waitQuietly)
                        {
                            await SayAsync(Fill(ask.Prompt[language], frame), ct);
                        }

                        _waitQuietly = false;
                        return;

                    case ConfirmStep confirm when TakeWaitingAnswer() && YesOrNo() is { } yes:
                        if (!yes)
                        {
                            await DeclineAsync(confirm, frame, ct);
                            return;
                        }

                        index = confirm.Next;
                        break;

                    case ConfirmStep confirm:
                        await turn.SendActivityAsync(DialogReplies.YesNo(Fill(confirm.Question[language], frame), language, catalog), ct);
                        return;

                    case CallStep call:
                        if (call.Typing)
                        {
                            await turn.SendActivityAsync(MessageFactory.Typing(), ct);
                        }

                        var result = await engine.Actions[call.Action].RunAsync(new ActionContext(memory.Slots, language, _activity.Conversation!.Id!, memory), ct);
                        foreach (var (name, value) in result.Values)
                        {
                            frame.Values[name] = value;
                        }

                        foreach (var slot in result.ConsumedSlots.Where(memory.Slots.ContainsKey))
                        {
                            frame.Values[slot] = memory.Slots[slot];
                            memory.Slots.Remove(slot);
                        }

                        // The outcome's messages may still quote a forgotten slot, so it moves to the frame's values.
                        foreach (var slot in result.ForgetSlots.Where(memory.Slots.ContainsKey))
                        {
                            frame.Values[slot] = memory.Slots[slot];
                            memory.Slots.Remove(slot);
                            forgot = true;
                        }

                        index = call.Outcomes[result.Outcome];
                        break;
                }
            }

            if (!forgot)
            {
                break;
            }

            _skipFeedback = true;
            frame.Values.Clear();
            if (++frame.Attempts >= engine.Options.MaxSlotAttempts)
            {
                await GiveUpAsync(dialog, ct);
                return;
            }

            _waitQuietly = true;
            index = 0;
        }

        await FinishAsync(dialog, frame, ct);
    }

    private async Task SendAsync(SayStep say, DialogFrame frame, CancellationToken ct)
    {
        if (say.Typing)
        {
            await turn.SendActivityAsync(MessageFactory.Typing(), ct);
        }

        var message = DialogReplies.WithTopics(Fill(say.Text[language], frame), language, say.Suggest, catalog);
        if (say.Card is { } card)
        {
            message.Attachments = [DialogReplies.Card(card, language, _activity.ServiceUrl, t => Fill(t, frame))];
        }

        await turn.SendActivityAsync(message, ct);
    }

    private async Task DeclineAsync(ConfirmStep confirm, DialogFrame frame, CancellationToken ct)
    {
        memory.Misunderstandings = 0;
        memory.Active = null;
        await SayAsync(Fill(confirm.No[language], frame), ct);
        await ResumePausedAsync(ct);
    }

    /// <summary>True once, when a dialog restarted under the customer's message: that message answers its first open question.</summary>
    private bool TakeWaitingAnswer()
    {
        var waiting = _answerWaiting;
        _answerWaiting = false;
        return waiting;
    }

    private async Task FinishAsync(DialogDefinition dialog, DialogFrame frame, CancellationToken ct)
    {
        memory.Active = null;
        if (memory.Paused.Count > 0)
        {
            await ResumePausedAsync(ct);
            return;
        }

        if (dialog.AsksFeedback && !_skipFeedback)
        {
            memory.Feedback = new PendingFeedback { Intent = dialog.Intent, UtteranceId = frame.UtteranceId };
            await turn.SendActivityAsync(DialogReplies.YesNo(catalog.Message(MessageKeys.AskHelped, language), language, catalog), ct);
        }
    }

    private async Task ResumePausedAsync(CancellationToken ct)
    {
        while (memory.Paused.Count > 0)
        {
            var frame = memory.Paused[^1];
            memory.Paused.RemoveAt(memory.Paused.Count - 1);
            if (Dialog(frame) is { } dialog)
            {
                await SayAsync(catalog.Message(MessageKeys.Resume, language).Replace("{topic}", dialog.Title[language], StringComparison.Ordinal), ct);
                await RunAsync(frame, dialog, frame.Step, ct);
                return;
            }
        }
    }

    private async Task RetryAsync(DialogFrame frame, DialogDefinition dialog, Activity retry, CancellationToken ct)
    {
        frame.Attempts++;
        memory.Misunderstandings++;
        if (await EscalateIfStuckAsync(ct))
        {
            return;
        }

        if (frame.Attempts < engine.Options.MaxSlotAttempts)
        {
            await turn.SendActivityAsync(retry, ct);
            return;
        }

        await GiveUpAsync(dialog, ct);
    }

    private async Task GiveUpAsync(DialogDefinition dialog, CancellationToken ct)
    {
        memory.Active = null;
        await turn.SendActivityAsync(DialogReplies.WithTopics(
            catalog.Message(MessageKeys.GaveUp, language).Replace("{topic}", dialog.Title[language], StringComparison.Ordinal),
            language, catalog.Suggestions(MessageKeys.NotUnderstood), catalog), ct);
        await ResumePausedAsync(ct);
    }

    private async Task CancelAsync(CancellationToken ct)
    {
        memory.Choice = null;
        memory.Feedback = null;
        var current = (memory.Active ?? memory.Paused.LastOrDefault()) is { } frame ? catalog.Find(frame.Intent) : null;
        memory.Active = null;
        memory.Paused.Clear();
        var text = current is null
            ? catalog.Message(MessageKeys.NothingToCancel, language)
            : catalog.Message(MessageKeys.Cancelled, language).Replace("{topic}", current.Title[language], StringComparison.Ordinal);
        await turn.SendActivityAsync(DialogReplies.WithTopics(text, language, catalog.Suggestions(MessageKeys.Welcome), catalog), ct);
    }

    private async Task HelpAsync(CancellationToken ct)
    {
        if (memory.Active is { } frame && Dialog(frame) is { } dialog)
        {
            await SayAsync(catalog.Message(MessageKeys.HelpInFlow, language).Replace("{topic}", dialog.Title[language], StringComparison.Ordinal), ct);
            await RunAsync(frame, dialog, frame.Step, ct); // asks the pending question again
            return;
        }

        await turn.SendActivityAsync(DialogReplies.WithTopics(catalog.Message(MessageKeys.Help, language), language, catalog.Suggestions(MessageKeys.Welcome), catalog), ct);
    }

    private bool IsNewTopic(DialogDefinition current) =>
        intent is { IsOutOfScope: false, IsAmbiguous: false } understood
        && understood.Intent != current.Intent
        && understood.Confidence >= engine.Options.TopicSwitchConfidence
        && catalog.Find(understood.Intent) is not null;

    private async Task SwitchTopicAsync(CancellationToken ct)
    {
        PauseActive();
        memory.Misunderstandings = 0;
        await StartAsync(intent!.Intent, _activity.Id, ct);
    }

    private void PauseActive()
    {
        if (memory.Active is { } frame)
        {
            memory.Paused.RemoveAll(f => f.Intent == frame.Intent);
            memory.Paused.Add(frame);
            memory.Active = null;
        }
    }

    /// <summary>The frame's dialog; if its file changed since the frame started, the frame starts over (slots are kept).</summary>
    private DialogDefinition? Dialog(DialogFrame frame)
    {
        if (catalog.Find(frame.Intent) is not { } dialog)
        {
            return null;
        }

        if (dialog.Version != frame.Version || frame.Step >= dialog.Steps.Count)
        {
            _restarted = true;
            frame.Version = dialog.Version;
            frame.Step = 0;
            frame.Attempts = 0;
            frame.Values.Clear();
        }

        return dialog;
    }

    private bool? YesOrNo() =>
        _button is { Kind: DialogValues.Answer, Yes: { } yes } ? yes
        : _button is not null ? null
        : catalog.IsWord(CommandWords.Yes, _text) ? true
        : catalog.IsWord(CommandWords.No, _text) ? false
        : null;

    private static Dictionary<string, string> Choose(string intentName) =>
        new() { [DialogValues.Kind] = DialogValues.Choose, [DialogValues.Intent] = intentName };

    private string Fill(string text, DialogFrame frame) =>
        TextTemplate.Fill(text, name => frame.Values.GetValueOrDefault(name) ?? memory.Slots.GetValueOrDefault(name));

    private Task SayAsync(string text, CancellationToken ct) => turn.SendActivityAsync(DialogReplies.Text(text, language), ct);
}

using SupportBot.Builder;
using SupportBot.Schema;

namespace SupportBot.Dialogs;

/// <summary>Runs a dialog's steps: starting it, taking the answer to the question it asked, running on until it waits or ends.</summary>
internal sealed class StepRunner(TurnScope s)
{
    private DialogMemory Memory => s.Memory;

    public async Task StartAsync(string intentName, string? utteranceId, RunMode mode, CancellationToken ct)
    {
        var dialog = s.Catalog.Find(intentName)!;
        foreach (var ask in dialog.Steps.OfType<AskStep>())
        {
            // A value given in passing ("where is ORD-10001?") fills its slot, replacing an older one.
            if (s.Engine.Recognizer.Recognize(ask.Type, s.Text, answeringPrompt: false) is { } value)
            {
                Memory.Slots[ask.Slot] = value;
            }
        }

        var frame = new DialogFrame { Intent = dialog.Intent, Version = dialog.Version, UtteranceId = utteranceId };
        await RunAsync(frame, dialog, 0, mode, ct);
    }

    /// <summary>The customer's message as the answer to the question the active dialog asked (or a change of topic).</summary>
    public async Task AnswerAsync(DialogFrame frame, FoundDialog found, CancellationToken ct)
    {
        var dialog = found.Dialog;
        if (found.Restarted)
        {
            // The dialog's file changed since its last question: run it again from the start (filled slots are
            // skipped) and let this message answer the first question still open.
            await RunAsync(frame, dialog, 0, RunMode.Fresh with { AnswerWaiting = true }, ct);
            return;
        }

        switch (dialog.Steps[frame.Step])
        {
            case AskStep ask:
                if (ask.Type == SlotType.Text && s.Router.IsNewTopic(dialog))
                {
                    await s.Router.SwitchTopicAsync(ct);
                    return;
                }

                if (s.Engine.Recognizer.Recognize(ask.Type, s.Text, answeringPrompt: true) is { } answer)
                {
                    Memory.Slots[ask.Slot] = answer;
                    Memory.Misunderstandings = 0;
                    frame.Attempts = 0;
                    await RunAsync(frame, dialog, ask.Next, RunMode.Fresh, ct);
                }
                else if (s.Router.IsNewTopic(dialog))
                {
                    await s.Router.SwitchTopicAsync(ct);
                }
                else if (s.Intent is { IsOutOfScope: false } again && again.Intent == dialog.Intent)
                {
                    await s.SayAsync(s.Fill(ask.Prompt[s.Language], frame), ct); // the question restated: ask once more, no harm done
                }
                else
                {
                    await RetryAsync(frame, dialog, DialogReplies.Text(ask.Retry[s.Language], s.Language), RunMode.Fresh, ct);
                }

                return;

            case ConfirmStep confirm:
                switch (s.YesOrNo())
                {
                    case true:
                        Memory.Misunderstandings = 0;
                        frame.Attempts = 0;
                        await RunAsync(frame, dialog, confirm.Next, RunMode.Fresh, ct);
                        break;
                    case false:
                        await DeclineAsync(confirm, frame, RunMode.Fresh, ct);
                        break;
                    case null when s.Router.IsNewTopic(dialog):
                        await s.Router.SwitchTopicAsync(ct);
                        break;
                    default:
                        await RetryAsync(frame, dialog, DialogReplies.YesNo(s.Message(MessageKeys.ConfirmRetry), s.Language, s.Catalog), RunMode.Fresh, ct);
                        break;
                }

                return;

            default:
                // A frame only ever waits on a question; anything else means the dialog changed under it.
                Memory.Active = null;
                await s.Router.UnderstandAsync(ct);
                return;
        }
    }

    /// <summary>
    /// Runs steps from <paramref name="index"/> until one waits for the customer or the dialog ends. When a call
    /// forgets a slot (an order that does not exist), its outcome's message has asked for it again: the dialog then
    /// waits at its start for the new value, at most <see cref="BotOptions.MaxSlotAttempts"/> times.
    /// </summary>
    public async Task RunAsync(DialogFrame frame, DialogDefinition dialog, int index, RunMode mode, CancellationToken ct)
    {
        Memory.Active = frame;
        while (true)
        {
            var forgot = false;
            while (index != DialogStep.End)
            {
                frame.Step = index;
                switch (dialog.Steps[index])
                {
                    case SayStep say:
                        await SayAsync(say, frame, ct);
                        index = say.Next;
                        break;

                    case AskStep ask when Memory.Slots.ContainsKey(ask.Slot):
                        index = ask.Next;
                        break;

                    case AskStep ask when mode.AnswerWaiting:
                        mode = mode with { AnswerWaiting = false };
                        if (s.Engine.Recognizer.Recognize(ask.Type, s.Text, answeringPrompt: true) is { } answer)
                        {
                            Memory.Slots[ask.Slot] = answer;
                            index = ask.Next;
                            break;
                        }

                        await RetryAsync(frame, dialog, DialogReplies.Text(ask.Retry[s.Language], s.Language), mode, ct);
                        return;

                    case AskStep ask:
                        if (!mode.WaitQuietly)
                        {
                            await s.SayAsync(s.Fill(ask.Prompt[s.Language], frame), ct);
                        }

                        return;

                    case ConfirmStep confirm:
                        var answered = mode.AnswerWaiting ? s.YesOrNo() : null;
                        mode = mode with { AnswerWaiting = false };
                        if (answered is not { } yes)
                        {
                            await s.SendAsync(DialogReplies.YesNo(s.Fill(confirm.Question[s.Language], frame), s.Language, s.Catalog), ct);
                            return;
                        }

                        if (!yes)
                        {
                            await DeclineAsync(confirm, frame, mode, ct);
                            return;
                        }

                        index = confirm.Next;
                        break;

                    case CallStep call:
                        var (outcome, forgotSlot) = await CallAsync(call, frame, ct);
                        forgot |= forgotSlot;
                        index = call.Outcomes[outcome];
                        break;
                }
            }

            if (!forgot)
            {
                break;
            }

            mode = mode with { SkipFeedback = true };
            frame.Values.Clear();
            if (++frame.Attempts >= s.Engine.Options.MaxSlotAttempts)
            {
                await GiveUpAsync(dialog, mode, ct);
                return;
            }

            mode = mode with { WaitQuietly = true };
            index = 0;
        }

        await FinishAsync(dialog, frame, mode, ct);
    }

    /// <summary>Runs the step's action; its values go to the frame. Returns its outcome, and whether it forgot a slot.</summary>
    private async Task<(string Outcome, bool Forgot)> CallAsync(CallStep call, DialogFrame frame, CancellationToken ct)
    {
        if (call.Typing)
        {
            await s.SendAsync(MessageFactory.Typing(), ct);
        }

        var result = await s.Engine.Actions[call.Action].RunAsync(new ActionContext(Memory.Slots, s.Language, s.Activity.Conversation!.Id!, Memory), ct);
        foreach (var (name, value) in result.Values)
        {
            frame.Values[name] = value;
        }

        foreach (var slot in result.ConsumedSlots.Where(Memory.Slots.ContainsKey))
        {
            frame.Values[slot] = Memory.Slots[slot];
            Memory.Slots.Remove(slot);
        }

        // The outcome's messages may still quote a forgotten slot, so it moves to the frame's values.
        var forgot = false;
        foreach (var slot in result.ForgetSlots.Where(Memory.Slots.ContainsKey))
        {
            frame.Values[slot] = Memory.Slots[slot];
            Memory.Slots.Remove(slot);
            forgot = true;
        }

        return (result.Outcome, forgot);
    }

    private async Task SayAsync(SayStep say, DialogFrame frame, CancellationToken ct)
    {
        if (say.Typing)
        {
            await s.SendAsync(MessageFactory.Typing(), ct);
        }

        var message = DialogReplies.WithTopics(s.Fill(say.Text[s.Language], frame), s.Language, say.Suggest, s.Catalog);
        if (say.Card is { } card)
        {
            message.Attachments = [DialogReplies.Card(card, s.Language, s.Activity.ServiceUrl, t => s.Fill(t, frame))];
        }

        await s.SendAsync(message, ct);
    }

    public async Task DeclineAsync(ConfirmStep confirm, DialogFrame frame, RunMode mode, CancellationToken ct)
    {
        Memory.Misunderstandings = 0;
        Memory.Active = null;
        await s.SayAsync(s.Fill(confirm.No[s.Language], frame), ct);
        await s.Topics.ResumeAsync(mode, ct);
    }

    private async Task FinishAsync(DialogDefinition dialog, DialogFrame frame, RunMode mode, CancellationToken ct)
    {
        Memory.Active = null;
        if (Memory.Paused.Count > 0)
        {
            await s.Topics.ResumeAsync(mode, ct);
            return;
        }

        if (dialog.AsksFeedback && !mode.SkipFeedback)
        {
            await s.Questions.AskFeedbackAsync(dialog, frame, ct);
        }
    }

    public async Task RetryAsync(DialogFrame frame, DialogDefinition dialog, Activity retry, RunMode mode, CancellationToken ct)
    {
        frame.Attempts++;
        Memory.Misunderstandings++;
        if (await s.Handoff.EscalateIfStuckAsync(mode, ct))
        {
            return;
        }

        if (frame.Attempts < s.Engine.Options.MaxSlotAttempts)
        {
            await s.SendAsync(retry, ct);
            return;
        }

        await GiveUpAsync(dialog, mode, ct);
    }

    private async Task GiveUpAsync(DialogDefinition dialog, RunMode mode, CancellationToken ct)
    {
        Memory.Active = null;
        await s.SendWithTopicsAsync(
            s.Message(MessageKeys.GaveUp).Replace("{topic}", dialog.Title[s.Language], StringComparison.Ordinal), MessageKeys.NotUnderstood, ct);
        await s.Topics.ResumeAsync(mode, ct);
    }
}

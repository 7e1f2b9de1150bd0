
namespace SupportBot.Dialogs;

/// <summary>
/// Routes one customer message through the dialogs. In order: the survey after an agent's chat; escalation;
/// commands (cancel, help); the answer to a pending "did you mean" or "did that help?" question; a topic button;
/// the answer to the question the active dialog asked (or a change of topic, which pauses that dialog); otherwise
/// what the classifier understood.
/// </summary>
internal sealed class TurnRouter(TurnScope s)
{
    private DialogMemory Memory => s.Memory;

    public async Task RunAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(s.Text) && s.Button is null)
        {
            if (s.Activity.Attachments is { Count: > 0 })
            {
                await s.SayAsync(s.Message(MessageKeys.AttachmentReceived), ct);
            }

            return;
        }

        if (Memory.Handoff.Survey is { } survey && await s.Survey.AnswerAsync(survey, ct))
        {
            return;
        }

        if (s.Handoff.ShouldEscalate() is { } reason)
        {
            await s.Handoff.EscalateAsync(reason, RunMode.Fresh, ct);
            return;
        }

        if (s.Button is null && s.Catalog.IsWord(CommandWords.Cancel, s.Text))
        {
            await CancelAsync(ct);
            return;
        }

        if (s.Button is null && s.Catalog.IsWord(CommandWords.Help, s.Text))
        {
            await HelpAsync(ct);
            return;
        }

        if (Memory.Choice is { } choice && await s.Questions.AnswerChoiceAsync(choice, ct))
        {
            return;
        }

        if (Memory.Feedback is { } feedback && await s.Questions.AnswerFeedbackAsync(feedback, ct))
        {
            return;
        }

        if (s.Button is { Kind: DialogValues.Topic, Intent: { } topic } && s.Catalog.Find(topic) is not null)
        {
            Memory.Misunderstandings = 0;
            s.Topics.PauseActive();
            await s.Steps.StartAsync(topic, s.Activity.Id, RunMode.Fresh, ct);
            return;
        }

        if (Memory.Active is { } frame && s.Topics.Find(frame) is { } found)
        {
            await s.Steps.AnswerAsync(frame, found, ct);
            return;
        }

        Memory.Active = null;
        await UnderstandAsync(ct);
    }

    /// <summary>A message with no dialog waiting: what the classifier made of it decides.</summary>
    public async Task UnderstandAsync(CancellationToken ct)
    {
        var intent = s.Intent;
        if (intent is { IsOffTopic: true })
        {
            // Not a misunderstanding: the bot knows this is not its job, says so and offers its topics and a person.
            await s.SendWithTopicsAsync(s.Message(MessageKeys.OutOfScope), MessageKeys.Welcome, ct);
            return;
        }

        if (intent is null || intent.IsOutOfScope || s.Catalog.Find(intent.Intent) is null)
        {
            await NotUnderstoodAsync(ct);
            return;
        }

        if (intent.IsAmbiguous && intent.Top.Count > 1 && s.Catalog.Find(intent.Top[1].Intent) is { } second)
        {
            await s.Questions.AskChoiceAsync(s.Catalog.Find(intent.Top[0].Intent)!, second, ct);
            return;
        }

        Memory.Misunderstandings = 0;
        await s.Steps.StartAsync(intent.Intent, s.Activity.Id, RunMode.Fresh, ct);
    }

    public async Task NotUnderstoodAsync(CancellationToken ct)
    {
        Memory.Misunderstandings++;
        if (await s.Handoff.EscalateIfStuckAsync(RunMode.Fresh, ct))
        {
            return;
        }

        Memory.Handoff.Clarifying = true;
        await s.SendWithTopicsAsync(s.Message(MessageKeys.NotUnderstood), MessageKeys.NotUnderstood, ct);
    }

    /// <summary>The classifier is sure enough the customer moved on to another topic the bot has a dialog for.</summary>
    public bool IsNewTopic(DialogDefinition current) =>
        s.Intent is { IsOutOfScope: false, IsAmbiguous: false } understood
        && understood.Intent != current.Intent
        && understood.Confidence >= s.Engine.Options.TopicSwitchConfidence
        && s.Catalog.Find(understood.Intent) is not null;

    public async Task SwitchTopicAsync(CancellationToken ct)
    {
        s.Topics.PauseActive();
        Memory.Misunderstandings = 0;
        await s.Steps.StartAsync(s.Intent!.Intent, s.Activity.Id, RunMode.Fresh, ct);
    }

    private async Task CancelAsync(CancellationToken ct)
    {
        Memory.Choice = null;
        Memory.Feedback = null;
        var current = (Memory.Active ?? Memory.Paused.LastOrDefault()) is { } frame ? s.Catalog.Find(frame.Intent) : null;
        Memory.Active = null;
        Memory.Paused.Clear();
        var text = current is null
            ? s.Message(MessageKeys.NothingToCancel)
            : s.Message(MessageKeys.Cancelled).Replace("{topic}", current.Title[s.Language], StringComparison.Ordinal);
        await s.SendWithTopicsAsync(text, MessageKeys.Welcome, ct);
    }

    private async Task HelpAsync(CancellationToken ct)
    {
        if (Memory.Active is { } frame && s.Topics.Find(frame) is { } found)
        {
            await s.SayAsync(s.Message(MessageKeys.HelpInFlow).Replace("{topic}", found.Dialog.Title[s.Language], StringComparison.Ordinal), ct);
            await s.Steps.RunAsync(frame, found.Dialog, frame.Step, RunMode.Fresh, ct); // asks the pending question again
            return;
        }

        await s.SendWithTopicsAsync(s.Message(MessageKeys.Help), MessageKeys.Welcome, ct);
    }
}

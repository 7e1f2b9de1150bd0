using System.Globalization;
using System.Text.Json;
using SupportBot.Bot;
using SupportBot.Builder;
using SupportBot.Handoff;
using SupportBot.Schema;

namespace SupportBot.Dialogs;

/// <summary>The hand-off part of a turn: escalating, what the customer hears as it progresses, and the survey after it.</summary>
internal sealed partial class DialogTurn
{
    /// <summary>The hand-off status the agent desk sent (<see cref="HandoffEventNames.HandoffStatus"/>), told to the customer.</summary>
    public async Task HandoffStatusAsync(HandoffStatus status, CancellationToken ct)
    {
        var agent = status.AgentName ?? "";
        switch (status.State)
        {
            case HandoffStates.Accepted:
                await SayAsync(catalog.Message(HandoffMessages.Accepted, language).Replace("{agent}", agent, StringComparison.Ordinal), ct);
                return;

            case HandoffStates.Completed when status.Outcome == HandoffStatus.Returned:
                memory.Misunderstandings = 0;
                var returned = catalog.Message(HandoffMessages.Returned, language).Replace("{agent}", agent, StringComparison.Ordinal);
                if (status.Intent is { } next && catalog.Find(next) is not null)
                {
                    await SayAsync(returned, ct);
                    memory.Paused.RemoveAll(f => f.Intent == next);
                    await StartAsync(next, null, ct);
                }
                else if (memory.Paused.Count > 0)
                {
                    await SayAsync(returned, ct);
                    await ResumePausedAsync(ct);
                }
                else
                {
                    await turn.SendActivityAsync(DialogReplies.WithTopics(returned, language, catalog.Suggestions(MessageKeys.Welcome), catalog), ct);
                }

                return;

            case HandoffStates.Completed:
                memory.Misunderstandings = 0;
                memory.Paused.Clear();
                await SayAsync(catalog.Message(HandoffMessages.ClosedByAgent, language).Replace("{agent}", agent, StringComparison.Ordinal), ct);
                memory.Handoff.Survey = new PendingSurvey { AgentName = agent };
                await turn.SendActivityAsync(DialogReplies.WithButtons(
                    catalog.Message(HandoffMessages.SurveyAsk, language).Replace("{agent}", agent, StringComparison.Ordinal),
                    language,
                    [.. Enumerable.Range(1, 5).Select(r => (r.ToString(CultureInfo.InvariantCulture), (object)new Dictionary<string, object>
                    {
                        [DialogValues.Kind] = DialogValues.Survey,
                        [DialogValues.Rating] = r,
                    }))]), ct);
                return;

            case HandoffStates.Failed:
                await SayAsync(catalog.Message(HandoffMessages.Failed, language), ct);
                await OfferMessageAsync(ct);
                return;
        }
    }

    /// <summary>While the conversation waits for an agent: "cancel" leaves the queue; anything else is for the agent.</summary>
    public async Task WhileQueuedAsync(HandoffRecord record, CancellationToken ct)
    {
        if (_button is null && catalog.IsWord(CommandWords.Cancel, _text))
        {
            if (await engine.Handoff!.LeaveQueueAsync(record.ConversationId, ct))
            {
                memory.Handoff.RemindedInQueue = false;
                await SayAsync(catalog.Message(HandoffMessages.LeftQueue, language), ct);
                await ResumePausedAsync(ct);
            }

            return;
        }

        if (!memory.Handoff.RemindedInQueue)
        {
            memory.Handoff.RemindedInQueue = true;
            var position = await engine.Handoff!.PositionAsync(record, ct);
            await SayAsync(HandoffService.Fill(catalog.Message(HandoffMessages.StillQueued, language), position, 0), ct);
        }
    }

    private string? ShouldEscalate() =>
        engine.Handoff?.Rules.BeforeTurn(
            memory.Handoff, catalog, _text, _button is not null, _button is { Kind: DialogValues.Topic } b ? b.Intent : null,
            intent, memory.Active is not null, engine.Options.TopicSwitchConfidence);

    private async Task<bool> EscalateIfStuckAsync(CancellationToken ct)
    {
        if (engine.Handoff is not { } handoff || !handoff.Rules.TooManyMisunderstandings(memory.Misunderstandings))
        {
            return false;
        }

        await EscalateAsync(HandoffReasons.Misunderstood, ct);
        return true;
    }

    private async Task EscalateAsync(string reason, CancellationToken ct)
    {
        memory.Choice = null;
        memory.Feedback = null;
        memory.Misunderstandings = 0;
        memory.Handoff.Repeats = 0;
        memory.Handoff.LastText = null;
        memory.Handoff.Clarifying = false;
        memory.Handoff.RemindedInQueue = false;
        PauseActive(); // the dialog the customer was in resumes when the agent hands them back
        if (!await engine.Handoff!.EscalateAsync(turn, memory, reason, intent, language, catalog, ct))
        {
            await OfferMessageAsync(ct);
        }
    }

    // Nobody can chat: the leave_message dialog offers to take a message (email and text) for a ticket.
    private async Task OfferMessageAsync(CancellationToken ct)
    {
        if (catalog.Find(HandoffMessages.LeaveMessageDialog) is not null)
        {
            await StartAsync(HandoffMessages.LeaveMessageDialog, null, ct);
        }
    }

    private async Task<bool> AnswerSurveyAsync(PendingSurvey survey, CancellationToken ct)
    {
        var conversationId = _activity.Conversation!.Id!;
        if (survey.Rating == 0)
        {
            if (ReadRating() is not { } rating)
            {
                memory.Handoff.Survey = null; // the customer moved on without rating
                return false;
            }

            survey.Rating = rating;
            await engine.Handoff!.SaveSurveyAsync(conversationId, rating, null, ct);
            await turn.SendActivityAsync(DialogReplies.WithButtons(catalog.Message(HandoffMessages.SurveyComment, language), language,
                [(catalog.Message(MessageKeys.No, language), new Dictionary<string, object> { [DialogValues.Kind] = DialogValues.Answer, [DialogValues.Yes] = false })]), ct);
            return true;
        }

        memory.Handoff.Survey = null;
        var comment = _button is not null || catalog.IsWord(CommandWords.No, _text) ? null : _text;
        if (comment is not null)
        {
            await engine.Handoff!.SaveSurveyAsync(conversationId, survey.Rating, comment, ct);
        }

        await turn.SendActivityAsync(DialogReplies.Event(DialogValues.SurveyEvent, new { rating = survey.Rating, comment }), ct);
        await SayAsync(catalog.Message(HandoffMessages.SurveyThanks, language), ct);
        return true;
    }

    // A rating button, or a digit 1-5 typed in any script (Thai ๑-๕ and Arabic-Indic ١-٥ included).
    private int? ReadRating()
    {
        if (_activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty(DialogValues.Kind, out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == DialogValues.Survey
            && value.TryGetProperty(DialogValues.Rating, out var r) && r.TryGetInt32(out var rating) && rating is >= 1 and <= 5)
        {
            return rating;
        }

        var text = DialogCatalog.NormalizeWord(_text ?? "");
        return text.Length == 1 && char.GetNumericValue(text[0]) is >= 1 and <= 5 and var digit ? (int)digit : null;
    }
}

using System.Text.Json;
using SupportBot.Handoff;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;

namespace SupportBot.Dialogs;

/// <summary>The hand-off part of a turn: escalating, and what the customer hears as the hand-off progresses.</summary>
internal sealed class TurnHandoff(TurnScope s)
{
    private DialogMemory Memory => s.Memory;

    /// <summary>The hand-off status the agent desk sent (<see cref="HandoffEventNames.HandoffStatus"/>), told to the customer.</summary>
    public async Task StatusAsync(HandoffStatus status, CancellationToken ct)
    {
        var agent = status.AgentName ?? "";
        switch (status.State)
        {
            case HandoffStates.Accepted:
                await s.SendAsync(Narrating(DialogReplies.Text(s.Message(HandoffMessages.Accepted).Replace("{agent}", agent, StringComparison.Ordinal), s.Language), status), ct);
                return;

            case HandoffStates.Completed when status.Outcome == HandoffStatus.Returned:
                Memory.Misunderstandings = 0;
                var returned = s.Message(HandoffMessages.Returned).Replace("{agent}", agent, StringComparison.Ordinal);
                if (status.Intent is { } next && s.Catalog.Find(next) is not null)
                {
                    await s.SendAsync(Narrating(DialogReplies.Text(returned, s.Language), status), ct);
                    Memory.Paused.RemoveAll(f => f.Intent == next);
                    await s.Steps.StartAsync(next, null, RunMode.Fresh, ct);
                }
                else
                {
                    // The person dealt with what the customer came for: the bot is back quietly, with its topics,
                    // rather than taking up an old dialog and repeating an answer nobody asked for again.
                    Memory.Paused.Clear();
                    await s.SendAsync(Narrating(DialogReplies.WithTopics(returned, s.Language, s.Catalog.Suggestions(MessageKeys.Welcome), s.Catalog), status), ct);
                }

                return;

            case HandoffStates.Completed:
                Memory.Misunderstandings = 0;
                Memory.Paused.Clear();
                await s.SendAsync(Narrating(DialogReplies.Text(s.Message(HandoffMessages.ClosedByAgent).Replace("{agent}", agent, StringComparison.Ordinal), s.Language), status), ct);
                await s.Survey.AskAsync(agent, ct);
                return;

            case HandoffStates.Failed:
                await s.SayAsync(s.Message(HandoffMessages.Failed), ct);
                await OfferMessageAsync(RunMode.Fresh, ct);
                return;
        }
    }

    // The line tells what happened to the chat, so it carries the status: the widget shows who talks from here on.
    private static Activity Narrating(Activity line, HandoffStatus status)
    {
        line.ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            [ChannelDataNames.Handoff] = new { state = status.State, outcome = status.Outcome, agentName = status.AgentName },
        });
        return line;
    }

    /// <summary>While the conversation waits for an agent: "cancel" leaves the queue; anything else is for the agent.</summary>
    public async Task WhileQueuedAsync(HandoffRecord record, CancellationToken ct)
    {
        if (s.Button is null && s.Catalog.IsWord(CommandWords.Cancel, s.Text))
        {
            if (await s.Engine.Handoff!.LeaveQueueAsync(record.ConversationId, ct))
            {
                Memory.Handoff.RemindedInQueue = false;
                await s.SendAsync(DialogReplies.Event(DialogValues.LeftQueueEvent, new { }), ct);
                await s.SayAsync(s.Message(HandoffMessages.LeftQueue), ct);
                await s.Topics.ResumeAsync(RunMode.Fresh, ct);
            }

            return;
        }

        if (!Memory.Handoff.RemindedInQueue)
        {
            Memory.Handoff.RemindedInQueue = true;
            var position = await s.Engine.Handoff!.PositionAsync(record, ct);
            await s.SayAsync(HandoffService.Fill(s.Message(HandoffMessages.StillQueued), position, 0), ct);
        }
    }

    /// <summary>The reason the rules give to hand this message to a person before the dialogs see it, if any.</summary>
    public string? ShouldEscalate() =>
        s.Engine.Handoff?.Rules.BeforeTurn(
            Memory.Handoff, new CatalogWords(s.Catalog), s.Text, s.Button is not null, s.Button is { Kind: DialogValues.Topic } b ? b.Intent : null,
            s.Intent, Memory.Active is not null, s.Engine.Options.TopicSwitchConfidence);

    /// <summary>Escalates when the bot misunderstood too often in a row; true if it did.</summary>
    public async Task<bool> EscalateIfStuckAsync(RunMode mode, CancellationToken ct)
    {
        if (s.Engine.Handoff is not { } handoff || !handoff.Rules.TooManyMisunderstandings(Memory.Misunderstandings))
        {
            return false;
        }

        await EscalateAsync(HandoffReasons.Misunderstood, mode, ct);
        return true;
    }

    public async Task EscalateAsync(string reason, RunMode mode, CancellationToken ct)
    {
        Memory.Choice = null;
        Memory.Feedback = null;
        Memory.Misunderstandings = 0;
        Memory.Handoff.Repeats = 0;
        Memory.Handoff.LastText = null;
        Memory.Handoff.Clarifying = false;
        Memory.Handoff.RemindedInQueue = false;
        s.Topics.PauseActive(); // the dialog the customer was in resumes when the agent hands them back
        if (!await s.Engine.Handoff!.EscalateAsync(s.Turn, new EscalationRequest(reason, s.Intent, s.Language, Memory.Slots, Memory.Handoff, s.Message), ct))
        {
            await OfferMessageAsync(mode, ct);
        }
    }

    // Nobody can chat: the leave_message dialog offers to take a message (email and text) for a ticket.
    private async Task OfferMessageAsync(RunMode mode, CancellationToken ct)
    {
        if (s.Catalog.Find(HandoffMessages.LeaveMessageDialog) is not null)
        {
            await s.Steps.StartAsync(HandoffMessages.LeaveMessageDialog, null, mode, ct);
        }
    }
}

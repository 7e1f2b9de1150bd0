using SupportBot.Dialogs;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// Follows a conversation's hand-offs through its log: handoff.initiate opens one, the desk's handoff.status events
/// (accepted, transferred, completed, failed) and the bot's supportbot.leftQueue move it on, and the first agent
/// message after the pickup is the agent's first response.
/// </summary>
/// <param name="latest">Where an incremental fold starts: the archive's latest hand-off row, if any. Earlier ones
/// have ended, and an ended hand-off never moves again.</param>
internal sealed class HandoffTimeline(ArchivedHandoff? latest = null)
{
    private readonly List<ArchivedHandoff> _rows = latest is null ? [] : [latest];

    /// <summary>The latest hand-off (open or ended), or null before the first.</summary>
    public ArchivedHandoff? Current => _rows.Count > 0 ? _rows[^1] : null;

    /// <summary>The rows this fold may have changed: the one it started from and every one opened since.</summary>
    public IReadOnlyList<ArchivedHandoff> Rows() => _rows;

    /// <summary>How many hand-offs the conversation has had, given how many the archive counted before this fold.</summary>
    public int Count(int archivedBefore) => archivedBefore + _rows.Count - (latest is null ? 0 : 1);

    /// <param name="activity">The event as logged; null for any other activity, whose row says all a hand-off needs.</param>
    public void Add(ArchivedActivity row, Activity? activity)
    {
        if (activity is not null && row.Type == ActivityTypes.Event && row.Name == HandoffEventNames.InitiateHandoff)
        {
            var value = activity.Value;
            _rows.Add(new ArchivedHandoff(
                row.Seq, ConversationSnapshots.Text(value, "reason") ?? "unknown", ConversationSnapshots.Text(value, "intent"),
                ConversationSnapshots.Text(value, "language"), ConversationSnapshots.Text(value, "skill"), row.Timestamp,
                null, null, null, null, 0, null, null, null, null, []));
            return;
        }

        if (Current is not { EndedAt: null } open)
        {
            return;
        }

        if (activity is not null && HandoffStatus.Read(activity) is { } status)
        {
            _rows[^1] = Moved(open, status, row.Timestamp);
        }
        else if (row.Type == ActivityTypes.Event && row.Name == DialogValues.LeftQueueEvent)
        {
            _rows[^1] = open with { EndedAt = row.Timestamp, Outcome = HandoffOutcomes.Abandoned };
        }
        else if (row is { Type: ActivityTypes.Message, Role: ArchiveRoles.Agent } && open.PickedUpAt is not null)
        {
            _rows[^1] = open with { FirstAgentReplyAt = open.FirstAgentReplyAt ?? row.Timestamp };
        }
    }

    private static ArchivedHandoff Moved(ArchivedHandoff open, HandoffStatus status, DateTimeOffset at)
    {
        var agentId = status.AgentId ?? open.AgentId;
        var agentName = status.AgentName ?? open.AgentName;
        switch (status.State)
        {
            case HandoffStates.Accepted when open.PickedUpAt is null:
                return open with { PickedUpAt = at, AgentId = agentId, AgentName = agentName, FirstAgentId = agentId };
            case HandoffStates.Accepted:
                // A colleague took it over (transfer, or a claim after the owner put it back in the queue).
                return open with { AgentId = agentId, AgentName = agentName, Transfers = open.Transfers + 1 };
            case HandoffStates.Completed:
                var closed = status.Outcome != HandoffStatus.Returned;
                return open with
                {
                    AgentId = agentId,
                    AgentName = agentName,
                    EndedAt = at,
                    Outcome = closed ? HandoffOutcomes.Closed : HandoffOutcomes.Returned,
                    ResolutionIntent = closed ? status.Intent : null,
                    Tags = closed ? status.Tags ?? [] : [],
                };
            case HandoffStates.Failed:
                return open with { EndedAt = at, Outcome = status.Outcome == HandoffOutcomes.Timeout ? HandoffOutcomes.Timeout : HandoffOutcomes.Failed };
            default:
                return open;
        }
    }
}

using SupportBot.Handoff.Agents;

namespace SupportBot.Handoff.Queue;

/// <summary>Where a waiting conversation stands and how long it will likely wait: what the customer is told.</summary>
public static class QueueEstimate
{
    /// <summary>1-based place among waiting conversations that need the same agents (language and skill).</summary>
    public static int Position(HandoffRecord record, IReadOnlyList<HandoffRecord> waiting)
    {
        var position = 1;
        foreach (var other in waiting)
        {
            if (other.ConversationId == record.ConversationId)
            {
                return position;
            }

            if (other.Language == record.Language && other.Skill == record.Skill)
            {
                position++;
            }
        }

        return position;
    }

    /// <summary>
    /// Whole minutes to wait (at least 1): nothing beyond a minute while matching agents have free seats for
    /// everyone ahead; after that each matching agent clears one chat per average handle time.
    /// </summary>
    public static int Minutes(int position, string language, string skill, IReadOnlyList<OnlineAgent> online, TimeSpan averageHandleTime)
    {
        var matching = online.Where(a => a.Status == AgentStatus.Available && a.Matches(language, skill)).ToList();
        var freeSeats = matching.Sum(a => Math.Max(0, a.Account.Capacity - a.Active));
        if (position <= freeSeats)
        {
            return 1;
        }

        var minutes = (position - freeSeats) * averageHandleTime.TotalMinutes / Math.Max(1, matching.Count);
        return Math.Max(1, (int)Math.Ceiling(minutes));
    }
}

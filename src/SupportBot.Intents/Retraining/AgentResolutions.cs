using SupportBot.Handoff.Queue;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Retraining;

/// <summary>Where an export's agent labels come from: the hand-offs agents closed with an intent, and the messages each labels.</summary>
internal static class AgentResolutions
{
    // How far from a hand-off's queueing its handoff.initiate event may be logged: a turn's time and the servers' clock skew.
    private static readonly TimeSpan InitiateWindow = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Each hand-off an agent closed with an intent, with the handoff.initiate event that opened it. The hand-off
    /// store's records say it while it keeps them (Handoff:RecordRetention, 90 days by default); a conversation it no
    /// longer has records of, one read from the archive months later, says it in its own log: the desk's
    /// handoff.status "completed" event carries the intent the agent chose, after the initiate event it closes.
    /// </summary>
    /// <remarks>
    /// A record's handoff.initiate event is the one logged nearest to its queueing, in the same turn. Its log
    /// timestamp is no clock reading to compare with the claim's: the log keeps a conversation's timestamps strictly
    /// increasing (a turn's activities in one millisecond are a millisecond apart each), and the process that logged
    /// it may not be the one whose clock stamped the claim. An agent who takes the chat within those milliseconds must
    /// still label it, so the event is looked for within <see cref="InitiateWindow"/> of the queueing, not before the claim.
    /// </remarks>
    public static IEnumerable<(Activity? Initiate, string Intent)> Closed(List<Activity> activities, IEnumerable<HandoffRecord> closed)
    {
        var initiates = activities.Where(a => a.Type == ActivityTypes.Event && a.Name == HandoffEventNames.InitiateHandoff).ToList();
        var records = closed.ToList();
        if (records.Count > 0)
        {
            foreach (var record in records)
            {
                var initiate = initiates
                    .Where(a => a.Timestamp is { } at && (at - record.QueuedAt).Duration() <= InitiateWindow)
                    .MinBy(a => (a.Timestamp!.Value - record.QueuedAt).Duration());
                yield return (initiate, record.Resolution!.Intent);
            }

            yield break;
        }

        Activity? open = null;
        foreach (var a in activities)
        {
            if (a.Type == ActivityTypes.Event && a.Name == HandoffEventNames.InitiateHandoff)
            {
                open = a;
            }
            else if (open is not null && HandoffStatus.Read(a) is { State: HandoffStates.Completed, Outcome: HandoffStatus.Closed, Intent: { Length: > 0 } intent })
            {
                yield return (open, intent);
                open = null;
            }
        }
    }

    /// <summary>
    /// The customer messages an agent's resolution labels: those the bot did not understand (out of scope or
    /// ambiguous) in an unbroken run up to the hand-off. "agent" itself, or a question the bot did understand, is not
    /// what the agent's intent describes.
    /// </summary>
    public static IEnumerable<string> NotUnderstoodBefore(Activity? initiate, List<Activity> customer)
    {
        var index = initiate?.ReplyToId is { } escalating ? customer.FindIndex(a => a.Id == escalating) : -1;
        for (var i = index; i >= 0; i--)
        {
            var predicted = IntentEntity.Read(customer[i]);
            var understood = predicted is { IsOutOfScope: false, IsAmbiguous: false };
            if (understood && i == index)
            {
                continue; // the message that asked for a person; the run before it may still be the problem
            }

            if (understood)
            {
                yield break;
            }

            yield return customer[i].Id!;
        }
    }
}

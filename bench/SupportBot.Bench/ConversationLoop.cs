using System.Diagnostics;

namespace SupportBot.Bench;

/// <summary>One conversation's turns for a whole run, paced by the schedule, counted once the warmup is over.</summary>
internal static class ConversationLoop
{
    /// <summary>A closed loop against a failing server would spin; pausing after a failure keeps the error count meaningful.</summary>
    private static readonly long PauseAfterFailure = TurnSchedule.Ticks(0.1);

    public static async Task<TurnTally> RunAsync(ConversationClient client, TurnSchedule schedule, long runStart, long firstSend, CancellationToken drain)
    {
        var tally = new TurnTally();
        var next = firstSend;
        while (!client.IsBroken)
        {
            var now = Stopwatch.GetTimestamp();
            var due = Math.Max(next, now);
            if (due >= schedule.StopAt)
            {
                break;
            }

            if (due > now)
            {
                await Task.Delay(Stopwatch.GetElapsedTime(now, due));
            }

            var measured = Stopwatch.GetTimestamp() >= schedule.MeasureFrom;
            var outcome = await client.SendTurnAsync(drain);
            tally.CountReply(outcome, runStart);
            if (measured)
            {
                tally.Add(outcome);
            }

            var afterTurn = Stopwatch.GetTimestamp();
            if (schedule.IsClosedLoop)
            {
                next = afterTurn + (outcome.Result == TurnResult.Replied ? 0 : PauseAfterFailure);
                continue;
            }

            // Never two turns outstanding: a slot that passed while waiting is sent at once and counted late,
            // and the schedule restarts from there instead of bursting to catch up.
            next += schedule.Interval;
            if (afterTurn > next)
            {
                if (next >= schedule.MeasureFrom && next < schedule.StopAt)
                {
                    tally.LateSends++;
                }

                next = afterTurn;
            }
        }

        return tally;
    }
}

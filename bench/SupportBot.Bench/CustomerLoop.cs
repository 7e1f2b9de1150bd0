using System.Diagnostics;

namespace SupportBot.Bench;

/// <summary>What one customer's run added to the figures: failed POSTs and missed slots, counted after the warmup.</summary>
internal readonly record struct CustomerTally(long HttpErrors, long LateSends);

/// <summary>
/// One customer's messages for a whole run, open loop on the schedule. A customer waits for its POST's answer
/// before the next message (the HttpClient's timeout bounds that wait), so a slot that passed meanwhile is sent at
/// once and counted late.
/// </summary>
internal static class CustomerLoop
{
    public static async Task<CustomerTally> RunAsync(CustomerClient customer, TurnSchedule schedule, long firstSend)
    {
        long httpErrors = 0, lateSends = 0;
        var next = firstSend;
        while (!customer.IsBroken)
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
            if (!await customer.SendAsync(CancellationToken.None) && measured)
            {
                httpErrors++;
            }

            var afterSend = Stopwatch.GetTimestamp();
            next += schedule.Interval;
            if (afterSend > next)
            {
                if (next >= schedule.MeasureFrom && next < schedule.StopAt)
                {
                    lateSends++;
                }

                next = afterSend;
            }
        }

        return new CustomerTally(httpErrors, lateSends);
    }
}

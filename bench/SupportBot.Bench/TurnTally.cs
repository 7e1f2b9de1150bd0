namespace SupportBot.Bench;

/// <summary>
/// One conversation's measured turns. Each conversation owns its tally, so the hot path takes no shared lock;
/// the driver merges them once the run is over.
/// </summary>
internal sealed class TurnTally
{
    public List<double> LatenciesMs { get; } = [];

    public long HttpErrors { get; private set; }

    public long SocketErrors { get; private set; }

    public long Timeouts { get; private set; }

    public long LateSends { get; set; }

    /// <summary>Stopwatch timestamp of the last measured reply; 0 when none came. Timeouts do not stretch it.</summary>
    public long LastReplyAt { get; private set; }

    /// <summary>Replies in each second since the run started, warmup included: shows when throughput stops rising.</summary>
    public List<int> RepliesBySecond { get; } = [];

    public void CountReply(TurnOutcome outcome, long runStart)
    {
        if (outcome.Result != TurnResult.Replied || outcome.FinishedAt < runStart)
        {
            return;
        }

        var second = (int)((outcome.FinishedAt - runStart) / System.Diagnostics.Stopwatch.Frequency);
        while (RepliesBySecond.Count <= second)
        {
            RepliesBySecond.Add(0);
        }

        RepliesBySecond[second]++;
    }

    public void Add(TurnOutcome outcome)
    {
        switch (outcome.Result)
        {
            case TurnResult.Replied:
                LatenciesMs.Add(outcome.LatencyMs);
                LastReplyAt = Math.Max(LastReplyAt, outcome.FinishedAt);
                break;
            case TurnResult.HttpError:
                HttpErrors++;
                break;
            case TurnResult.SocketError:
                SocketErrors++;
                break;
            case TurnResult.Timeout:
                Timeouts++;
                break;
        }
    }
}

using SupportBot.Insights.Archive;
using static SupportBot.Insights.Figures.FigureMath;
using static SupportBot.Insights.Figures.FigureQuery;

namespace SupportBot.Insights.Figures;

/// <summary>
/// The summary's hand-off figures from one read of the range's hand-offs (<see cref="FigureSql.HandoffRows"/>):
/// counts by outcome, reasons, and pickup, first-response and handle times. One pass instead of a query each, as every
/// query of the range's hand-offs looks up the hand-offs of every conversation of the range.
/// </summary>
internal sealed record HandoffTally(
    HandoffFigures Figures, IReadOnlyDictionary<string, long> Reasons, Percentiles Pickup, Percentiles FirstResponse, Percentiles Handle,
    double? HandleMeanSeconds, long Closed)
{
    public static HandoffTally Of(IReadOnlyList<object?[]> rows)
    {
        var handoffs = rows.Select(r => new Row(Text(r[0])!, Text(r[1]), Long(r[2]), Long(r[3]), Time(r[4]), Time(r[5]), Time(r[6]))).ToList();
        long Outcome(string outcome) => handoffs.LongCount(h => h.Outcome == outcome);
        var (requested, open, closed, abandoned) = (handoffs.Count, handoffs.LongCount(h => h.EndedAt is null), Outcome(HandoffOutcomes.Closed), Outcome(HandoffOutcomes.Abandoned));
        var handled = handoffs.Where(h => h is { PickedUpAt: not null, EndedAt: not null }).Select(h => h.EndedAt!.Value - h.PickedUpAt!.Value).ToList();
        var figures = new HandoffFigures(requested, handoffs.LongCount(h => h.PickedUpAt is not null), closed, Outcome(HandoffOutcomes.Returned), abandoned,
            Outcome(HandoffOutcomes.Timeout), Outcome(HandoffOutcomes.Failed), open, handoffs.Sum(h => h.Transfers), Rate(abandoned, requested));
        var mean = Mean(handled.Sum() / 1000.0, handled.Count);
        return new HandoffTally(
            figures,
            handoffs.GroupBy(h => h.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount()),
            Percentiles.Of(handoffs.Where(h => h.PickedUpAt is not null).Select(h => h.PickedUpAt!.Value - h.RequestedAt), 1000),
            Percentiles.Of(handoffs.Where(h => h is { FirstAgentReplyAt: not null, PickedUpAt: not null }).Select(h => h.FirstAgentReplyAt!.Value - h.PickedUpAt!.Value), 1000),
            Percentiles.Of(handled, 1000),
            mean is { } m ? Math.Round(m, 1) : null,
            closed);
    }

    private static long? Time(object? value) => value is null ? null : Long(value);

    private sealed record Row(string Reason, string? Outcome, long Transfers, long RequestedAt, long? PickedUpAt, long? FirstAgentReplyAt, long? EndedAt);
}

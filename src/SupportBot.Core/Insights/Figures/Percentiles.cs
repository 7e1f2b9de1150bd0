namespace SupportBot.Insights.Figures;

/// <summary>The median and the 90th percentile of durations, in seconds; both null when nothing was measured.</summary>
public sealed record Percentiles(double? P50, double? P90)
{
    public static Percentiles None { get; } = new(null, null);

    /// <summary>p50 and p90 of durations in milliseconds, in <paramref name="unitMs"/> units (1000: seconds), to 3 decimals.</summary>
    public static Percentiles Of(IEnumerable<long> valuesMs, double unitMs)
    {
        var values = valuesMs.ToArray();
        if (values.Length == 0)
        {
            return None;
        }

        Array.Sort(values);
        double At(int percent)
        {
            var (lower, upper) = Ranks(values.Length, percent);
            return Math.Round(Interpolate(values.Length, percent, values[lower], values[upper]) / unitMs, 3, MidpointRounding.AwayFromZero);
        }

        return new Percentiles(At(50), At(90));
    }

    /// <summary>The two ranks (0-based, in ascending order) the <paramref name="percent"/>th percentile of <paramref name="count"/> values lies between.</summary>
    public static (long Lower, long Upper) Ranks(long count, int percent)
    {
        var lower = (count - 1) * percent / 100;
        return (lower, Math.Min(lower + 1, count - 1));
    }

    /// <summary>
    /// percentile_cont (linear interpolation between the two nearest ranks), the definition PostgreSQL uses: rank
    /// p·(n−1), then the fraction of the way to the next value. Integer arithmetic, so 90% of 11 values is exactly rank 9.
    /// </summary>
    public static double Interpolate(long count, int percent, double lower, double upper)
    {
        var fraction = ((count - 1) * percent % 100) / 100.0;
        return lower + ((upper - lower) * fraction);
    }
}

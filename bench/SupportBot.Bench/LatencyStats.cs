namespace SupportBot.Bench;

/// <summary>Latency percentiles in milliseconds, by nearest rank over every sample; null when there were none.</summary>
internal sealed record LatencyStats(double? P50, double? P90, double? P99, double? Max)
{
    public static LatencyStats From(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return new LatencyStats(null, null, null, null);
        }

        samples.Sort();
        return new LatencyStats(Rank(samples, 50), Rank(samples, 90), Rank(samples, 99), samples[^1]);
    }

    /// <summary>
    /// Nearest rank: the smallest sample with at least p% of all samples at or below it. No interpolation,
    /// so every figure reported is a latency that was actually observed.
    /// </summary>
    private static double Rank(List<double> sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

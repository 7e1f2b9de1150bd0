namespace SupportBot.Bench;

/// <summary>Latency figures of one direction; percentiles by nearest rank over every measured message.</summary>
internal sealed record DeliveryFigures(long Delivered, double? P50Ms, double? P90Ms, double? P99Ms, double? MaxMs, long Timeouts)
{
    public static DeliveryFigures From(DeliveryLedger ledger)
    {
        var latencies = ledger.LatenciesMs();
        var stats = LatencyStats.From(latencies);
        return new DeliveryFigures(latencies.Count, Round(stats.P50), Round(stats.P90), Round(stats.P99), Round(stats.Max), ledger.Timeouts());
    }

    private static double? Round(double? milliseconds) => milliseconds is { } value ? Math.Round(value, 2) : null;
}

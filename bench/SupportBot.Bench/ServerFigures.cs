namespace SupportBot.Bench;

/// <summary>
/// The server's cost of the measured turns: its CPU and Redis's per turn, Redis calls per turn (all of them, the
/// commands scripts run included, the probe's INFO left out), and the server's memory before the run's
/// conversations were set up, at the end, and at its peak (VmHWM: over the process's whole life so far); and over
/// the window, how long its garbage collections paused it a second and how many it ran (from its /metrics).
/// </summary>
internal sealed record ServerFigures(
    double? RssAtStartMb,
    double? RssAtEndMb,
    double? PeakRssMb,
    double? CpuMsPerTurn,
    double? RedisCpuMsPerTurn,
    double? RedisCallsPerTurn,
    IReadOnlyDictionary<string, double>? RedisCallsPerTurnByCommand,
    double? GcPausedMsPerSecond = null,
    double? GcCollectionsPerSecond = null)
{
    public static ServerFigures? Create(ServerSample? beforeSetup, ServerSample? windowStart, ServerSample? windowEnd, long turns)
    {
        if (beforeSetup is null && windowStart is null && windowEnd is null)
        {
            return null;
        }

        double? PerTurn(double? total) => total is { } t && turns > 0 ? Math.Round(t / turns, 4) : null;

        var (p0, p1) = (windowStart?.Process, windowEnd?.Process);
        var (r0, r1) = (windowStart?.Redis, windowEnd?.Redis);
        var calls = r0 is not null && r1 is not null ? RedisFigures.CallsBetween(r0, r1) : null;
        var gc = GcCounters.Between(windowStart?.Gc, windowEnd?.Gc);
        return new ServerFigures(
            Mb(beforeSetup?.Process?.RssKb),
            Mb(p1?.RssKb),
            Mb(p1?.PeakRssKb),
            PerTurn(p0 is { } a && p1 is { } b ? b.CpuMs - a.CpuMs : null),
            PerTurn(r0 is not null && r1 is not null ? r1.CpuMs - r0.CpuMs : null),
            PerTurn(calls?.Sum(c => c.Value)),
            calls is null || turns == 0 ? null : calls.ToDictionary(c => c.Key, c => Math.Round((double)c.Value / turns, 3), StringComparer.Ordinal),
            gc?.PausedMsPerSecond,
            gc?.CollectionsPerSecond);
    }

    private static double? Mb(long? kb) => kb is { } k ? Math.Round(k / 1024.0, 1) : null;
}

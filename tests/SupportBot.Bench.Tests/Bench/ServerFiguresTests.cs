namespace SupportBot.Bench.Tests.Bench;

public class ServerFiguresTests
{
    private static ServerSample Sample(double cpuMs, long rssKb, long peakKb, long evalsha, double redisCpuMs) => new(
        new ProcessFigures(cpuMs, rssKb, peakKb),
        new RedisFigures(new Dictionary<string, long> { ["evalsha"] = evalsha, ["get"] = evalsha / 2 }, redisCpuMs));

    [Fact]
    public void CostsPerTurnAreTheDifferenceOverTheMeasuredWindowDividedByTurns()
    {
        var figures = ServerFigures.Create(
            beforeSetup: Sample(100, 80 * 1024, 80 * 1024, 0, 0),
            windowStart: Sample(1_000, 100 * 1024, 110 * 1024, 1_000, 50),
            windowEnd: Sample(3_000, 120 * 1024, 150 * 1024, 21_000, 250),
            turns: 10_000);

        Assert.NotNull(figures);
        Assert.Equal(0.2, figures.CpuMsPerTurn);
        Assert.Equal(0.02, figures.RedisCpuMsPerTurn);
        Assert.Equal(3, figures.RedisCallsPerTurn);
        Assert.Equal(2, figures.RedisCallsPerTurnByCommand!["evalsha"]);
        Assert.Equal((80.0, 120.0, 150.0), (figures.RssAtStartMb, figures.RssAtEndMb, figures.PeakRssMb));
    }

    [Fact]
    public void WithoutTurnsThereIsNoCostPerTurn()
    {
        var figures = ServerFigures.Create(null, Sample(0, 1, 1, 0, 0), Sample(10, 1, 1, 5, 1), turns: 0);

        Assert.Null(figures!.CpuMsPerTurn);
        Assert.Null(figures.RedisCallsPerTurn);
    }

    [Fact]
    public void GcPausesAreMillisecondsPausedASecondOfTheWindowFromTheRuntimeMeter()
    {
        const string At = """
            dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} {0}
            dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 10
            dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} {1}
            """;
        var second = System.Diagnostics.Stopwatch.Frequency;
        var start = GcCounters.Parse(At.Replace("{0}", "100").Replace("{1}", "1.5"), timestamp: 0);
        var end = GcCounters.Parse(At.Replace("{0}", "400").Replace("{1}", "3.5"), timestamp: 100 * second);

        var figures = ServerFigures.Create(null, Sample(0, 1, 1, 0, 0) with { Gc = start }, Sample(10, 1, 1, 5, 1) with { Gc = end }, turns: 1);

        Assert.Equal(20, figures!.GcPausedMsPerSecond); // 2 s paused in 100 s
        Assert.Equal(3, figures.GcCollectionsPerSecond); // 300 collections in 100 s, gen1's unchanged
        Assert.Null(GcCounters.Parse("process_cpu_seconds_total 4", 0)); // no runtime meter: no figure, not zero
    }

    [Fact]
    public void AnUnwatchedServerHasNoFigures() => Assert.Null(ServerFigures.Create(null, null, null, 100));
}

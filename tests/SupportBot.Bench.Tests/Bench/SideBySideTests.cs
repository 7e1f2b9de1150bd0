namespace SupportBot.Bench.Tests.Bench;

public class SideBySideTests
{
    private static BenchReport Report(double turnsPerSecond, double p99Ms, double? cpuMsPerTurn, double? callsPerTurn) => new(
        2, "Linux", "AMD EPYC, kernel 6.18", ".NET", DateTimeOffset.UnixEpoch, "http://127.0.0.1:5090", "tokens/generate", 100, "closed-loop", 0,
        0, 10, 10, (long)(turnsPerSecond * 10), turnsPerSecond, 1, 2, p99Ms, 3 * p99Ms, 0, 0, 0, 0, 0, 50, 20, [], null,
        new ServerFigures(80, 90, 100, cpuMsPerTurn, 0.06, callsPerTurn, null));

    [Fact]
    public void RatiosAreSupportBotOverBareForTheWarmRuns()
    {
        var supportBot = new ServerRuns(Report(800, 90, 1.2, 24), Report(1_000, 200, 0.6, 24));
        var bare = new ServerRuns(Report(4_000, 40, 0.25, 10), Report(5_000, 50, 0.2, 10));

        var ratios = SideBySide.Create(supportBot, bare).SupportBotToBare!;

        Assert.Equal(0.2, ratios.TurnsPerSecond);
        Assert.Equal(3, ratios.ServerCpuMsPerTurn);
        Assert.Equal(4, ratios.P99Ms);
        Assert.Equal(2.4, ratios.RedisCallsPerTurn);
        Assert.Equal(0.2, ratios.ColdTurnsPerSecond);
    }

    [Fact]
    public void ColdToWarmIsTheShareOfWarmThroughputAFreshProcessServes() =>
        Assert.Equal(0.8, new ServerRuns(Report(800, 1, null, null), Report(1_000, 1, null, null)).ColdToWarm);

    [Fact]
    public void ARatioWithAMissingFigureIsMissingRatherThanZero()
    {
        var ratios = SideBySide.Create(
            new ServerRuns(Report(1, 1, null, 24), Report(1, 1, null, 24)),
            new ServerRuns(Report(1, 1, 0.2, 10), Report(1, 1, 0.2, 10))).SupportBotToBare!;

        Assert.Null(ratios.ServerCpuMsPerTurn);
    }

    [Fact]
    public void WithoutTheBareServerThereAreNoRatios() =>
        Assert.Null(SideBySide.Create(new ServerRuns(Report(1, 1, 1, 1), Report(1, 1, 1, 1)), null).SupportBotToBare);

    [Fact]
    public void TheTableHeadsItsColumnsWithTheNamesOfWhatWasCompared()
    {
        var runs = new ServerRuns(Report(900, 1, 0.5, 30), Report(1_000, 1, 0.4, 30));
        var output = new StringWriter();

        SideBySideTable.Write(SideBySide.Create(runs, runs), output, "archive on", "archive off");

        Assert.Contains("archive on/archive off", output.ToString());
        Assert.DoesNotContain("bare", output.ToString());
    }

    [Fact]
    public void TheCombinedJsonReadsBackAsTheReportsItWasMadeOf()
    {
        var warm = Report(1_000, 200, 0.6, 24);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, warm.ToJson());

            var read = SideBySide.Read(path);

            Assert.Equal((warm.TurnsPerSecond, warm.P99Ms, warm.Server!.CpuMsPerTurn), (read.TurnsPerSecond, read.P99Ms, read.Server!.CpuMsPerTurn));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

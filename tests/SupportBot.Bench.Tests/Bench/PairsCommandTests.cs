namespace SupportBot.Bench.Tests.Bench;

public class PairsCommandTests
{
    private static BenchReport Report(double turnsPerSecond, double p99Ms, double cpuMsPerTurn, int minute = 0) => new(
        2, "Linux", "AMD EPYC, kernel 6.18", ".NET", DateTimeOffset.UnixEpoch.AddMinutes(minute), "http://127.0.0.1:5090", "tokens/generate", 2000, "open-loop",
        1000, 45, 30, 30, (long)(turnsPerSecond * 30), turnsPerSecond, 1, 2, p99Ms, 3 * p99Ms, 0, 0, 0, 0, 0, 50, 20, [], null,
        new ServerFigures(80, 90, 100, cpuMsPerTurn, 0.06, 39, null));

    private static SideBySide Pair(double p99On, double p99Off, double cpuOn = 0.6, double cpuOff = 0.5) => SideBySide.Create(
        new ServerRuns(Report(1_000, 20, cpuOn), Report(1_000, p99On, cpuOn)),
        new ServerRuns(Report(1_000, 20, cpuOff), Report(1_000, p99Off, cpuOff)));

    [Fact]
    public void TheMedianOfThreePairsIsTheMiddleRatioNotTheRatioOfTheMeans()
    {
        // Ratios 2.7, 1.0 and 0.9: one pair with a copy in its window must not carry the figure.
        var pairs = new[] { Pair(16.2, 6), Pair(8, 8), Pair(9, 10) };

        Assert.Equal(1.0, PairsCommand.Median(pairs, r => r.Warm.P99Ms));
    }

    [Fact]
    public void WithAnEvenNumberOfPairsTheMedianIsBetweenTheMiddleTwo() =>
        Assert.Equal(1.15, PairsCommand.Median([Pair(10, 10), Pair(13, 10)], r => r.Warm.P99Ms));

    [Fact]
    public void APairWithoutAFigureIsLeftOutOfItsMedian()
    {
        var missing = SideBySide.Create(
            new ServerRuns(Report(1, 1, 1), Report(1, 1, 1) with { Server = null }),
            new ServerRuns(Report(1, 1, 1), Report(1, 1, 1)));

        Assert.Equal(1.2, PairsCommand.Median([missing, Pair(10, 10, cpuOn: 0.6, cpuOff: 0.5)], r => r.Warm.Server?.CpuMsPerTurn));
        Assert.Null(PairsCommand.Median([missing], r => r.Warm.Server?.CpuMsPerTurn));
    }

    [Fact]
    public void TheTableHasARowAPairAndTheMedians()
    {
        var output = new StringWriter();

        PairsCommand.Write([Pair(16.2, 6), Pair(8, 8), Pair(9, 10)], output, "archive on", "archive off");

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("3 pairs, 2000 conversations, open loop at 1,000 turns/s", lines[0]);
        Assert.Contains("archive on/archive off", lines[0]);
        Assert.Contains("16.2 / 6", lines[2]);
        Assert.Contains("2.7", lines[2]);
        Assert.StartsWith("  median", lines[^1]);
        Assert.Contains(" 1 ", lines[^1] + " ");
        Assert.Equal(6, lines.Length);
    }
}

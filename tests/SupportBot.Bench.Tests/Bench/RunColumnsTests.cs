namespace SupportBot.Bench.Tests.Bench;

public class RunColumnsTests
{
    private static BenchReport Report(double p99Ms, double cpuMsPerTurn) => new(
        2, "Linux", "AMD EPYC, kernel 6.18", ".NET", DateTimeOffset.UnixEpoch, "http://127.0.0.1:8090", "widget/session", 2000, "open-loop", 1000,
        30, 30, 30, 30_000, 1000, 5, 9, p99Ms, 2 * p99Ms, 0, 0, 0, 0, 0, 90, 20, [], null,
        new ServerFigures(80, 90, 100, cpuMsPerTurn, 0.06, 39, null));

    [Fact]
    public void EachReportIsAColumnWithServerCpuInMicrosecondsAndTheLastOverTheFirst()
    {
        var output = new StringWriter();
        RunColumns.Write([("1 process", Report(12, 1.25)), ("3 processes", Report(30, 2.5))], output);

        var lines = output.ToString().Split('\n');
        var header = Assert.Single(lines, l => l.Contains("1 process", StringComparison.Ordinal));
        Assert.Contains("3 processes / 1 process", header, StringComparison.Ordinal);
        var cpu = Assert.Single(lines, l => l.Contains("server CPU µs/turn", StringComparison.Ordinal));
        Assert.Equal(["1,250", "2,500", "2"], cpu.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..]);
        var p99 = Assert.Single(lines, l => l.TrimStart().StartsWith("p99 ms", StringComparison.Ordinal));
        Assert.EndsWith("2.5", p99.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstLineNamesTheProcessorAndKernelTheRunsWereOn()
    {
        var output = new StringWriter();
        RunColumns.Write([("1 process", Report(12, 1.25))], output);

        Assert.StartsWith("Direct Line turns, 2000 conversations, open loop at 1,000 turns/s; 2 cores, AMD EPYC, kernel 6.18, Linux, .NET", output.ToString(), StringComparison.Ordinal);
    }
}

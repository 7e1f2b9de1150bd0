using System.CommandLine;

namespace SupportBot.Bench.Tests.Bench;

/// <summary>What the benchmarks make of their command lines: wrappers' defaults give way, and bad usage runs nothing.</summary>
public class BenchCommandLineTests
{
    [Fact]
    public async Task ARepeatedOptionTakesItsLastValueSoAWrappersDefaultsGiveWay()
    {
        DirectLineSettings? ran = null;
        var root = new RootCommand { DirectLineCommand.Create("directline", "", settings => Task.FromResult((ran = settings) is null ? 1 : 0)) };

        // bench/run-directline.sh passes its defaults first and the caller's options after them.
        var status = await root.Parse(["directline", "--duration", "90", "--warmup", "45", "--rate", "0", "--duration", "5", "--server-pid", "12,34"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, status);
        Assert.Equal((5.0, 45.0, 0.0, 100), (ran!.DurationSeconds, ran.WarmupSeconds, ran.Rate, ran.Conversations));
        Assert.Equal([12, 34], ran.ServerPids);
        Assert.True(ran.IsClosedLoop);
    }

    [Theory]
    [InlineData(new[] { "directline", "--conversations", "0" }, "--conversations is a whole number from 1 to 10000; got '0'.")]
    [InlineData(new[] { "directline", "--rate", "1,5" }, "--rate is a number from 0 up to 1,000,000; got '1,5'.")]
    [InlineData(new[] { "directline", "--server-pid", "12,x" }, "--server-pid is a process id, or several separated by commas; got '12,x'.")]
    [InlineData(new[] { "handoff", "--url", "ftp://example.com" }, "--url is an http or https URL; got 'ftp://example.com'.")]
    [InlineData(new[] { "compare", "--cold", "cold.json" }, "Option '--warm' is required.")]
    [InlineData(new[] { "compare", "--cold", "a", "--warm", "b", "--bare-cold", "c" }, "--bare-cold and --bare-warm go together.")]
    [InlineData(new[] { "columns", "one.json", "b=two.json" }, "'one.json' is not LABEL=FILE.")]
    [InlineData(new[] { "failover", "--conversations", "5" }, "Option '--kill-pid' is required.")]
    [InlineData(new[] { "insights", "--lang", "de" }, "--lang is one of en, th, ru, ar; got 'de'.")]
    [InlineData(new[] { "directline", "--conversation", "5" }, "Unrecognized command or argument '--conversation'.")]
    public async Task BadUsageIsRefusedWithTheProblemAndTheCommandsUsageAndRunsNothing(string[] args, string problem)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        // Nothing listens on the default URL in a test: a run that started would end with 1, "Could not reach".
        var status = await BenchCommandLine.RunAsync(args, output, error);

        Assert.Equal(BenchCommandLine.WrongUsage, status);
        Assert.Contains($"error: {problem}", error.ToString(), StringComparison.Ordinal);
        Assert.Matches($@"Usage:\s+\S+ {args[0]}\b", error.ToString()); // the benchmark's own usage, not the list of all

        Assert.DoesNotContain("Could not reach", error.ToString() + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsACommandsOptionsWithTheirDefaults()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var status = await BenchCommandLine.RunAsync(["handoff", "--help"], output, error);

        Assert.Equal(0, status);
        var agents = Assert.Single(output.ToString().Split('\n'), l => l.TrimStart().StartsWith("--agents", StringComparison.Ordinal));
        Assert.Contains("[default: 100]", agents, StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task NoBenchmarkNamedIsAUsageErrorListingThem()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var status = await BenchCommandLine.RunAsync([], output, error);

        Assert.Equal(BenchCommandLine.WrongUsage, status);
        Assert.All(["directline", "handoff", "compare", "pairs", "columns", "failover", "insights", "idle"], name => Assert.Contains($"  {name}", error.ToString(), StringComparison.Ordinal));
    }
}

using SupportBot.IntentBench;
using SupportBot.Intents;

namespace SupportBot.Bench.Tests.IntentBench;

/// <summary>
/// What the intent benchmark makes of its command line: which data sets README's command runs, settings that
/// accumulate, and bad usage refused before any training starts.
/// </summary>
public class IntentBenchCommandLineTests
{
    [Fact]
    public void WithoutDatasetsItRunsEveryDataSetButTheOnesRunOnlyWhenNamed()
    {
        var (status, ran, _) = Run([]);

        Assert.Equal(0, status);
        Assert.Equal(["clinc150", "banking77", "bitext", "arbanking77", "truevoice-th"], ran!.Datasets.Select(d => d.Name));
        Assert.Equal((null, false, null, false), (ran.DataDir, ran.Json, ran.Predictions, ran.OosStudy));
    }

    [Fact]
    public void DatasetsNamesTheOnesToRunAndTheLastGivenWins()
    {
        var (status, ran, _) = Run(["--datasets", "banking77", "--datasets", "bitext, arbanking77-cv", "--data-dir", "/data", "--json"]);

        Assert.Equal(0, status);
        Assert.Equal(["bitext", "arbanking77-cv"], ran!.Datasets.Select(d => d.Name));
        Assert.Equal(("/data", true), (ran.DataDir, ran.Json));
    }

    [Fact]
    public void EverySetIsAppliedOnTopOfTheDefaults()
    {
        var (status, ran, _) = Run(["--set", "Seed=7", "--set", "maxngramsperlength=2000"]);

        Assert.Equal(0, status);
        Assert.Equal((7, 2000, new IntentTrainerOptions().LbfgsL2), (ran!.Options.Seed, ran.Options.MaxNgramsPerLength, ran.Options.LbfgsL2));
    }

    [Theory]
    [InlineData(new[] { "--datasets", "clinc150,snips" }, "Unknown data set(s): snips; known: clinc150, banking77, bitext, arbanking77, truevoice-th, arbanking77-cv.")]
    [InlineData(new[] { "--datasets", "," }, "--datasets names no data set; known: clinc150,")]
    [InlineData(new[] { "--set", "Seed=seven" }, "Cannot apply 'Seed=seven': expected Name=Value with a setting of IntentTrainerOptions.")]
    [InlineData(new[] { "--set", "NoSuchSetting=1" }, "Cannot apply 'NoSuchSetting=1'")]
    [InlineData(new[] { "--latency-model", "model.zip" }, "Required argument missing for option: '--latency-model'.")]
    [InlineData(new[] { "--dataset", "bitext" }, "Unrecognized command or argument '--dataset'.")]
    public void BadUsageIsRefusedWithTheProblemAndTheUsageAndTrainsNothing(string[] args, string problem)
    {
        var (status, ran, error) = Run(args);

        Assert.Equal(IntentBenchCommand.WrongUsage, status);
        Assert.Null(ran);
        Assert.Contains($"error: {problem}", error, StringComparison.Ordinal);
        Assert.Contains("--datasets <a,b,...>", error, StringComparison.Ordinal); // the usage follows the problem
    }

    [Fact]
    public void ASettingTheTrainerRefusesWhenItStartsIsWrongUsageToo()
    {
        var (status, _, error) = Run(["--set", "HiddenNetworks=0"], _ => throw new ArgumentException("HiddenNetworks must be 1 or more when HiddenUnits is set."));

        Assert.Equal(IntentBenchCommand.WrongUsage, status);
        Assert.Equal("error: HiddenNetworks must be 1 or more when HiddenUnits is set.", error.Trim());
    }

    private static (int Status, IntentBenchSettings? Ran, string Error) Run(string[] args, Func<IntentBenchSettings, int>? run = null)
    {
        IntentBenchSettings? ran = null;
        var error = new StringWriter();
        var status = IntentBenchCommand.Run(args, run ?? (settings => (ran = settings) is null ? 1 : 0), error);
        return (status, ran, error.ToString());
    }
}

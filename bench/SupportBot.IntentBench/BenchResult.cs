namespace SupportBot.IntentBench;

/// <summary>One row of the table: a data set under one pipeline. Percentages are 0-100; CV figures are fold means.</summary>
internal sealed record BenchResult(
    string Dataset,
    string Language,
    string Pipeline,
    string Protocol,
    int TrainingExamples,
    int EvaluatedExamples,
    int Intents,
    double Accuracy,
    double? AccuracyStdDev,
    double MacroF1,
    double? InScopeAccuracy,
    double? OutOfScopeRecall,
    float? Threshold,
    double TrainingSeconds,
    double ModelMegabytes,
    double LatencyP50Micros,
    double LatencyP99Micros);

/// <summary>The whole run: when, where, with which trainer settings, and the rows.</summary>
internal sealed record BenchRun(DateTimeOffset DateUtc, MachineInfo Machine, Dictionary<string, string> Options, List<BenchResult> Results);

internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime)
{
    public static MachineInfo Current()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new MachineInfo(
            Environment.ProcessorCount,
            cpu ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }
}

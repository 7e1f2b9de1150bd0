using System.Text.Json;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>The benchmark itself: each data set trained and scored as its protocol says, a row a data set.</summary>
internal static class IntentBenchRun
{
    public static int Run(IntentBenchSettings settings)
    {
        var (selected, dataDir, options, json, predictionsFile, oosStudy) = settings;
        dataDir ??= FindDataDir();
        if (dataDir is null || !Directory.Exists(dataDir))
        {
            Console.Error.WriteLine("No benchmark data: pass --data-dir, or run from inside a checkout with shared/benchmarks beside it.");
            return 1;
        }

        if (oosStudy)
        {
            // Out-of-scope rows are only measured, never trained on: val's 100 and oos_train's 100.
            var clinc = Path.Combine(dataDir, "clinc150");
            var scored = TrainingData.Load([Path.Combine(clinc, "val.jsonl"), Path.Combine(clinc, "oos_train.jsonl")]);
            OosStudy.Run(options, TrainingData.Load([Path.Combine(clinc, "train.jsonl")]), scored, Console.Out);
            return 0;
        }

        List<(BenchDataset Dataset, List<IntentExample> Training, List<IntentExample>? Validation)> loaded;
        try
        {
            loaded = [.. selected.Select(d => d.Load(dataDir) is var (training, validation) ? (d, training, validation) : default)];
        }
        catch (TrainingDataException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        var run = new BenchRun(DateTimeOffset.UtcNow, MachineInfo.Current(), OptionOverrides.Describe(options), []);
        var progress = new BenchProgress(loaded.Sum(l => l.Dataset.Cost(l.Training.Count)));
        progress.Note($"{string.Join(", ", selected.Select(d => d.Name))} on {run.Machine.Cores} cores; settings {string.Join(' ', run.Options.Select(kv => $"{kv.Key}={kv.Value}"))}");
        var benchmark = new IntentBenchmark(options, progress, predictionsFile);
        foreach (var (dataset, training, validation) in loaded)
        {
            run.Results.AddRange(benchmark.Run(dataset, training, validation));
        }

        BenchTable.Write(run, json ? Console.Error : Console.Out);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(run, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        }

        return 0;
    }

    private static string? FindDataDir()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "benchmarks");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

using System.Globalization;
using System.Text.Json;
using SupportBot.IntentBench;
using SupportBot.Intents;

// Exit codes: 0 the run finished (its figures say how well), 1 a data set could not be read, 2 bad arguments.
const string Usage = """
    Usage: dotnet run -c Release --project bench/SupportBot.IntentBench -- [options]

      --datasets a,b,...   clinc150, banking77, bitext, arbanking77, truevoice-th (default: these five), arbanking77-cv
      --data-dir PATH      folder holding one folder per data set (default: shared/benchmarks found upwards)
      --set Name=Value     override an IntentTrainerOptions setting, e.g. --set L2=1e-5 (repeatable)
      --json               print the run as JSON on stdout (the table goes to stderr)
      --predictions FILE   append every cross-validation test row (data set, fold, label, top intent, text; tab-separated) to FILE
      --oos-study          issue 19's out-of-scope transfer study on CLINC150 (train only -> halves of val + oos_train)
      --oos-study-model M F1,F2,...   the same study for model M on labelled files (e.g. the shipped model on frozen-v2)
      --latency-model M F1,F2,...     model M's size and one-prediction p50/p99 (wall clock and thread CPU) on labelled files' texts
      --latency-parts M F1,F2,...     the same texts' p50/p99 per stage: normalising, featurising, linear, hidden layers, whole
    """;

var selected = BenchDataset.All.Where(d => !d.OnRequest).ToList();
string? dataDir = null;
var json = false;
var oosStudy = false;
string? predictionsFile = null;
var options = new IntentTrainerOptions();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "-h" or "--help" or "help":
            Console.WriteLine(Usage);
            return 0;
        case "--json":
            json = true;
            break;
        case "--predictions" when i + 1 < args.Length:
            predictionsFile = args[++i];
            break;
        case "--oos-study":
            oosStudy = true;
            break;
        case "--oos-study-model" when i + 2 < args.Length:
            var studied = IntentModel.Load(args[++i]);
            OosStudy.Analyse(studied, null, TrainingData.Load(args[++i].Split(',')), Console.Out);
            return 0;
        case "--latency-model" when i + 2 < args.Length:
            var timed = args[++i];
            var texts = TrainingData.Load(args[++i].Split(',')).Select(e => e.Text).ToList();
            var timedModel = IntentModel.Load(timed);
            var (p50, p99) = LatencyProbe.Measure(texts, text => timedModel.Classify(text));
            var (cpu50, cpu99) = LatencyProbe.MeasureCpu(texts, text => timedModel.Classify(text));
            Console.WriteLine(FormattableString.Invariant($"{timed}: {new FileInfo(timed).Length / 1024.0 / 1024.0:0.0} MB, p50 {p50:0} µs, p99 {p99:0} µs; thread CPU p50 {cpu50:0} µs, p99 {cpu99:0} µs ({LatencyProbe.Predictions} predictions each)"));
            return 0;
        case "--latency-parts" when i + 2 < args.Length:
            var partsPath = args[++i];
            return LatencyParts.Print(partsPath, TrainingData.Load(args[++i].Split(',')).Select(e => e.Text).ToList(), Console.Out);
        case "--datasets" when i + 1 < args.Length:
            var names = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.Where(n => BenchDataset.All.All(d => d.Name != n)).ToList();
            if (unknown.Count > 0)
            {
                return Fail($"Unknown data set(s): {string.Join(", ", unknown)}.");
            }

            selected = [.. BenchDataset.All.Where(d => names.Contains(d.Name))];
            break;
        case "--data-dir" when i + 1 < args.Length:
            dataDir = args[++i];
            break;
        case "--set" when i + 1 < args.Length:
            if (OptionOverrides.Apply(options, args[++i]) is not { } changed)
            {
                return Fail($"Cannot apply '{args[i]}': expected Name=Value with a setting of IntentTrainerOptions.");
            }

            options = changed;
            break;
        default:
            return Fail($"Unknown or incomplete option '{args[i]}'.");
    }
}

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

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    Console.Error.WriteLine(Usage);
    return 2;
}

static string? FindDataDir()
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

using System.CommandLine;
using System.CommandLine.Help;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>
/// The benchmark's command line (System.CommandLine): the cross-validation run over the data sets, or one of the
/// model-only modes (--oos-study-model, --latency-model, --latency-parts). Exit codes: 0 the run finished (its figures
/// say how well), 1 a data set could not be read, 2 bad arguments (the errors and the usage on stderr).
/// </summary>
internal static class IntentBenchCommand
{
    public const int WrongUsage = 2;

    /// <summary>Reads <paramref name="args"/> and runs the benchmark (<paramref name="run"/>, tests pass their own), or refuses them on <paramref name="error"/>.</summary>
    public static int Run(string[] args, Func<IntentBenchSettings, int>? run = null, TextWriter? error = null)
    {
        error ??= Console.Error;
        var root = Create(run ?? IntentBenchRun.Run, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine();
            root.Parse("--help").Invoke(new InvocationConfiguration { Output = error });
            return WrongUsage;
        }

        return parsed.Invoke(new InvocationConfiguration { Error = error });
    }

    private static RootCommand Create(Func<IntentBenchSettings, int> run, TextWriter error)
    {
        // No DefaultValueFactory on the two below: help would print the records; their defaults are said and applied in the action.
        var datasets = new Option<List<BenchDataset>>("--datasets")
        {
            Description = $"Data sets, comma-separated: {string.Join(", ", BenchDataset.All.Select(d => d.Name))} (default: all but {string.Join(", ", BenchDataset.All.Where(d => d.OnRequest).Select(d => d.Name))}).",
            HelpName = "a,b,...", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var names = result.Tokens[^1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var unknown = names.Where(n => BenchDataset.All.All(d => d.Name != n)).ToList();
                var known = string.Join(", ", BenchDataset.All.Select(d => d.Name));
                if (names.Length == 0)
                {
                    result.AddError($"--datasets names no data set; known: {known}.");
                }
                else if (unknown.Count > 0)
                {
                    result.AddError($"Unknown data set(s): {string.Join(", ", unknown)}; known: {known}.");
                }

                return [.. BenchDataset.All.Where(d => names.Contains(d.Name))];
            },
        };
        var dataDirOption = new Option<string>("--data-dir") { Description = "The folder holding one folder per data set (default: shared/benchmarks found upwards).", HelpName = "PATH" };
        var set = new Option<IntentTrainerOptions>("--set")
        {
            Description = "Override an IntentTrainerOptions setting, e.g. --set L2=1e-5 (repeatable).", HelpName = "Name=Value",
            Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var options = new IntentTrainerOptions();
                foreach (var token in result.Tokens)
                {
                    if (OptionOverrides.Apply(options, token.Value) is not { } changed)
                    {
                        result.AddError($"Cannot apply '{token.Value}': expected Name=Value with a setting of IntentTrainerOptions.");
                        return options;
                    }

                    options = changed;
                }

                return options;
            },
        };
        var jsonOption = new Option<bool>("--json") { Description = "Print the run as JSON on stdout (the table goes to stderr)." };
        var predictions = new Option<string>("--predictions")
        {
            Description = "Append every cross-validation test row (data set, fold, label, top intent, text; tab-separated) to FILE.", HelpName = "FILE",
        };
        var oosStudyOption = new Option<bool>("--oos-study") { Description = "Issue 19's out-of-scope transfer study on CLINC150 (train only -> halves of val + oos_train)." };
        var oosStudyModel = ModelAndFiles("--oos-study-model", "The same study for model M on labelled files (e.g. the shipped model on frozen-v2).");
        var latencyModel = ModelAndFiles("--latency-model", "Model M's size and one-prediction p50/p99 (wall clock and thread CPU) on labelled files' texts.");
        var latencyParts = ModelAndFiles("--latency-parts", "The same texts' p50/p99 per stage: normalising, featurising, linear, hidden layers, whole.");
        var root = new RootCommand("The intent classifier on public data sets (cross-validation or validation splits), a row a data set.")
        {
            datasets, dataDirOption, set, jsonOption, predictions, oosStudyOption, oosStudyModel, latencyModel, latencyParts,
        };
        root.SetAction(parse =>
        {
            if (parse.GetValue(oosStudyModel) is [var studiedPath, var studiedFiles])
            {
                OosStudy.Analyse(IntentModel.Load(studiedPath), null, TrainingData.Load(studiedFiles.Split(',')), Console.Out);
                return 0;
            }

            if (parse.GetValue(latencyModel) is [var timed, var timedFiles])
            {
                return Latency(timed, timedFiles);
            }

            if (parse.GetValue(latencyParts) is [var partsPath, var partsFiles])
            {
                return LatencyParts.Print(partsPath, TrainingData.Load(partsFiles.Split(',')).Select(e => e.Text).ToList(), Console.Out);
            }

            try
            {
                return run(new IntentBenchSettings(
                    // Not given, a list option reads as an empty list, not null: ask whether it was given.
                    parse.GetResult(datasets) is null ? [.. BenchDataset.All.Where(d => !d.OnRequest)] : parse.GetValue(datasets)!,
                    parse.GetValue(dataDirOption), parse.GetValue(set) ?? new IntentTrainerOptions(),
                    parse.GetValue(jsonOption), parse.GetValue(predictions), parse.GetValue(oosStudyOption)));
            }
            catch (ArgumentException ex)
            {
                // A --set the trainer refuses (HiddenNetworks=0 with hidden units, say) is wrong usage, found when training starts.
                error.WriteLine($"error: {ex.Message}");
                return WrongUsage;
            }
        });
        return root;
    }

    // --latency-model: the model file's size and one prediction's time over the files' texts.
    private static int Latency(string model, string files)
    {
        var texts = TrainingData.Load(files.Split(',')).Select(e => e.Text).ToList();
        var loaded = IntentModel.Load(model);
        var (p50, p99) = LatencyProbe.Measure(texts, text => loaded.Classify(text));
        var (cpu50, cpu99) = LatencyProbe.MeasureCpu(texts, text => loaded.Classify(text));
        Console.WriteLine(FormattableString.Invariant(
            $"{model}: {new FileInfo(model).Length / 1024.0 / 1024.0:0.0} MB, p50 {p50:0} µs, p99 {p99:0} µs; thread CPU p50 {cpu50:0} µs, p99 {cpu99:0} µs ({LatencyProbe.Predictions} predictions each)"));
        return 0;
    }

    // "--latency-model M F1,F2,...": a model and a comma-separated list of labelled files.
    private static Option<string[]> ModelAndFiles(string name, string description) => new(name)
    {
        Description = description, HelpName = "M F1,F2,...", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true,
    };
}

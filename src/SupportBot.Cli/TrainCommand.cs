using SupportBot.Intents;

namespace SupportBot.Cli;

internal static class TrainCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = Arguments.Parse(args, new HashSet<string>());
        var dataFiles = a.All("data");
        if (dataFiles.Count == 0)
        {
            throw new UsageException("train needs --data <file.jsonl>.");
        }

        var output = a.Required("out");
        var defaults = new IntentTrainerOptions();
        var options = defaults with
        {
            Trainer = a.Optional("trainer") ?? defaults.Trainer,
            Seed = a.Int("seed", defaults.Seed),
            WordNgrams = a.Int("word-ngrams", defaults.WordNgrams),
            CharNgrams = a.Int("char-ngrams", defaults.CharNgrams),
            HiddenUnits = a.Int("hidden-units", defaults.HiddenUnits),
            HiddenNetworks = a.Int("hidden-networks", defaults.HiddenNetworks),
            MaxInScopeLoss = a.Double("max-in-scope-loss", defaults.MaxInScopeLoss),
            MinimumExamplesPerIntent = a.Int("min-examples", defaults.MinimumExamplesPerIntent),
        };
        if (options.Trainer is not ("auto" or "sdca" or "lbfgs"))
        {
            throw new UsageException("--trainer is auto, sdca or lbfgs.");
        }

        if (options.HiddenUnits is < 0 or > 4096)
        {
            throw new UsageException("--hidden-units is 0 (the linear model alone) to 4096.");
        }

        if (options.HiddenNetworks is < 1 or > 16)
        {
            throw new UsageException("--hidden-networks is 1 to 16.");
        }

        var progress = new ConsoleProgress("train");
        var training = TrainingData.Load(dataFiles);
        var validation = a.Optional("val") is { } val ? TrainingData.Load([val]) : null;
        progress.Report($"read {training.Count} examples from {dataFiles.Count} file(s){(validation is null ? "" : $", {validation.Count} for validation")}");

        var model = new IntentTrainer(options).Train(training, validation, dataFiles, progress);
        model.Save(output);

        var card = model.Card;
        var v = card.Validation!;
        Console.WriteLine($"model {card.Version} → {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.0} MB) in {card.TrainingSeconds:0.0} s");
        Console.WriteLine($"trainer {card.Trainer}, temperature {card.Temperature:0.###}, threshold {card.Threshold:0.###}");
        Console.WriteLine($"validation ({card.ValidationExamples}): accuracy {v.Accuracy:0.0}%, macro-F1 {v.MacroF1:0.0}%" +
            (v.InScopeAccuracy is { } ia ? $", in-scope {ia:0.0}%, out-of-scope recall {v.OutOfScopeRecall:0.0}%" : ""));
        return 0;
    }
}

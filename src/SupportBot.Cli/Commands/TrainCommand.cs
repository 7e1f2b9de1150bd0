using System.CommandLine;
using SupportBot.Intents;

namespace SupportBot.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new IntentTrainerOptions();
        var data = CliOptions.Files("--data", "Training examples (JSONL), one or more files.", required: true);
        var output = CliOptions.Text("--out", "Where to write the model.", "model.zip", required: true);
        var validation = CliOptions.Text("--val", "Examples that calibrate the model; without it every 5th example per intent and language does.", "file.jsonl");
        var trainer = CliOptions.Text("--trainer", "The linear trainer.", "lbfgs|sdca|auto", defaults.Trainer).AcceptOnlyFromAmong("auto", "sdca", "lbfgs");
        var seed = CliOptions.Int("--seed", "Seed for every random choice, so runs repeat.", defaults.Seed);
        var wordNgrams = CliOptions.Int("--word-ngrams", "Longest word n-gram.", defaults.WordNgrams);
        var charNgrams = CliOptions.Int("--char-ngrams", "Longest character n-gram.", defaults.CharNgrams);
        var hiddenUnits = CliOptions.Int("--hidden-units", "Units of each hidden-layer network; 0 is the linear model alone.", defaults.HiddenUnits, 0, 4096, "0 (the linear model alone) to 4096");
        var hiddenNetworks = CliOptions.Int("--hidden-networks", "Hidden-layer networks averaged with the linear model.", defaults.HiddenNetworks, 1, 16);
        var maxLoss = CliOptions.Number("--max-in-scope-loss", "In-scope accuracy the out-of-scope threshold may cost.", defaults.MaxInScopeLoss, "POINTS");
        var minExamples = CliOptions.Int("--min-examples", "Fewest examples an intent may have.", defaults.MinimumExamplesPerIntent);
        var maxNgrams = CliOptions.Int("--max-ngrams", "N-grams kept per length (word and character), chosen by --ngram-selection; 0 keeps all.", defaults.MaxNgramsPerLength, 0, 10_000_000, "0 (all) to 10000000");
        var ngramSelection = CliOptions.Text("--ngram-selection", "Which n-grams --max-ngrams keeps: the first met while reading the data, or those in the most examples.", "first|frequent", defaults.NgramSelection)
            .AcceptOnlyFromAmong(IntentTrainerOptions.FirstMetNgrams, IntentTrainerOptions.FrequentNgrams);
        var rejectBy = CliOptions.Text("--reject-by", "The score the out-of-scope threshold applies to (all but confidence need hidden layers).", "logit|neighbours|neighbours+linear|confidence", defaults.RejectBy)
            .AcceptOnlyFromAmong(Rejection.Logit, Rejection.Neighbours, Rejection.NeighboursAndLinear, Rejection.Confidence);

        var command = new Command("train", "Trains a model; without --val every 5th example per intent and language calibrates it.")
        {
            data, output, validation, trainer, seed, wordNgrams, charNgrams, hiddenUnits, hiddenNetworks, maxLoss, minExamples, maxNgrams, ngramSelection, rejectBy,
        };
        command.SetAction(parse =>
        {
            var options = defaults with
            {
                Trainer = parse.GetRequiredValue(trainer),
                Seed = parse.GetValue(seed),
                WordNgrams = parse.GetValue(wordNgrams),
                CharNgrams = parse.GetValue(charNgrams),
                HiddenUnits = parse.GetValue(hiddenUnits),
                HiddenNetworks = parse.GetValue(hiddenNetworks),
                MaxInScopeLoss = parse.GetValue(maxLoss),
                MinimumExamplesPerIntent = parse.GetValue(minExamples),
                MaxNgramsPerLength = parse.GetValue(maxNgrams),
                NgramSelection = parse.GetRequiredValue(ngramSelection),
                RejectBy = parse.GetRequiredValue(rejectBy),
            };
            return Run(parse.GetRequiredValue(data), parse.GetRequiredValue(output), parse.GetValue(validation), options);
        });
        return command;
    }

    private static int Run(string[] dataFiles, string output, string? validationFile, IntentTrainerOptions options)
    {
        var progress = new ConsoleProgress("train");
        dataFiles = [.. TrainingData.Sorted(dataFiles)];
        var training = TrainingData.LoadInterleaved(dataFiles);
        var validation = validationFile is { } val ? TrainingData.Load([val]) : null;
        progress.Report($"read {training.Count} examples from {dataFiles.Length} file(s){(validation is null ? "" : $", {validation.Count} for validation")}");

        var model = new IntentTrainer(options).Train(training, validation, dataFiles, progress);
        model.Save(output);

        var card = model.Card;
        var v = card.Validation!;
        Console.WriteLine($"model {card.Version} → {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.0} MB) in {card.TrainingSeconds:0.0} s");
        Console.WriteLine($"trainer {card.Trainer}, temperature {card.Temperature:0.###}, threshold {card.Threshold:0.###} on the {card.RejectBy} score" +
            (card.ThresholdByLanguage.Count == 0 ? "" : $" ({Rejection.Describe(card.ThresholdByLanguage)} for their languages)"));
        Console.WriteLine($"validation ({card.ValidationExamples}): accuracy {v.Accuracy:0.0}%, macro-F1 {v.MacroF1:0.0}%" +
            (v.InScopeAccuracy is { } ia ? $", in-scope {ia:0.0}%, out-of-scope recall {v.OutOfScopeRecall:0.0}%" : ""));
        return 0;
    }
}

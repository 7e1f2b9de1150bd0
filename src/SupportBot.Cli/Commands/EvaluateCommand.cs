using System.CommandLine;
using System.Text.Json;
using SupportBot.Intents;
using SupportBot.Retraining;

namespace SupportBot.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = CliOptions.Text("--model", "The model to evaluate.", "model.zip", required: true);
        var data = CliOptions.Files("--data", "Labelled examples (JSONL), one or more files.", required: true);
        var json = CliOptions.Flag("--json", "The whole report as JSON on standard output.");
        var record = CliOptions.Text("--record", "Also record the figures in the model's card under this name (e.g. frozen-v2), replacing an earlier one of the name.", "NAME");
        var registry = RegistryCommand.RegistryOption("With --record: the registry folder, whose copy of the same model version is recorded in too.");
        var command = new Command("evaluate", "Accuracy, macro-F1, per intent and language, confused pairs, out-of-scope figures.")
        {
            model, data, json, record, registry,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(model), parse.GetRequiredValue(data), parse.GetValue(json), parse.GetValue(record), parse.GetRequiredValue(registry)));
        return command;
    }

    private static int Run(string modelPath, string[] files, bool asJson, string? recordAs, string registryDirectory)
    {
        if (recordAs is not null && string.IsNullOrWhiteSpace(recordAs))
        {
            Console.Error.WriteLine("--record needs a name for the set, e.g. --record frozen-v2.");
            return 2;
        }

        var model = IntentModel.Load(modelPath);
        var examples = TrainingData.Load(files);
        var report = IntentEvaluator.Evaluate(model, examples, new ConsoleProgress("evaluate", examples.Count));
        if (recordAs is not null)
        {
            var evaluation = new RecordedEvaluation(recordAs.Trim(), DateTimeOffset.UtcNow, files, report);
            IntentModel.RecordEvaluation(modelPath, evaluation);
            Console.Error.WriteLine($"Recorded as '{evaluation.Name}' in the card of {modelPath} (and its .card.md and .card.json).");
            // The registry's copy of this version is what a rollback or a later promote serves again: it keeps the record too.
            var kept = ModelRegistry.PathOf(registryDirectory, model.Card.Version);
            if (File.Exists(kept) && Path.GetFullPath(kept) != Path.GetFullPath(modelPath))
            {
                IntentModel.RecordEvaluation(kept, evaluation);
                Console.Error.WriteLine($"Recorded in the registry's copy too: {kept}.");
            }
        }

        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, ModelCard.Json));
            return 0;
        }

        Console.WriteLine($"model {model.Card.Version} on {report.Examples} examples");
        Console.WriteLine($"accuracy {report.Accuracy:0.00}%  macro-F1 {report.MacroF1:0.00}%  calibration error {report.CalibrationError:0.00} points");
        if (report.InScopeAccuracy is { } inScope)
        {
            Console.WriteLine($"in-scope accuracy {inScope:0.00}%  out-of-scope recall {report.OutOfScopeRecall:0.00}%  (threshold {report.Threshold:0.###} on the {model.Card.RejectBy} score{ByLanguage(report)})");
        }

        Console.WriteLine();
        Console.WriteLine("language  examples  accuracy  macro-F1  in-scope  OOS recall");
        foreach (var l in report.PerLanguage)
        {
            Console.WriteLine($"{l.Language,-8}  {l.Examples,8}  {l.Accuracy,8:0.0}  {l.MacroF1,8:0.0}  {l.InScopeAccuracy,8:0.0}  {l.OutOfScopeRecall,10:0.0}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"intent",-26} support  precision  recall     F1");
        foreach (var i in report.PerIntent)
        {
            Console.WriteLine($"{i.Intent,-26} {i.Support,7}  {i.Precision,9:0.0}  {i.Recall,6:0.0}  {i.F1,5:0.0}");
        }

        if (report.MostConfused.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("most confused (expected → predicted):");
            foreach (var p in report.MostConfused)
            {
                Console.WriteLine($"  {p.Count,4}  {p.Expected} → {p.Predicted}");
            }
        }

        return 0;
    }

    private static string ByLanguage(EvaluationReport report) => report.ThresholdByLanguage.Count == 0 ? ""
        : $"; {Rejection.Describe(report.ThresholdByLanguage)} for their languages";
}

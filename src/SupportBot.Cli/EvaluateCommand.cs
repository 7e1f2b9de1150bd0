using System.Text.Json;
using SupportBot.Intents;

namespace SupportBot.Cli;

internal static class EvaluateCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = Arguments.Parse(args, new HashSet<string> { "json" });
        var model = IntentModel.Load(a.Required("model"));
        var files = a.All("data");
        if (files.Count == 0)
        {
            throw new UsageException("evaluate needs --data <file.jsonl>.");
        }

        var examples = TrainingData.Load(files);
        var report = IntentEvaluator.Evaluate(model, examples, new ConsoleProgress("evaluate", examples.Count));
        if (a.Flag("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(report, ModelCard.Json));
            return 0;
        }

        Console.WriteLine($"model {model.Card.Version} on {report.Examples} examples");
        Console.WriteLine($"accuracy {report.Accuracy:0.00}%  macro-F1 {report.MacroF1:0.00}%  calibration error {report.CalibrationError:0.00} points");
        if (report.InScopeAccuracy is { } inScope)
        {
            Console.WriteLine($"in-scope accuracy {inScope:0.00}%  out-of-scope recall {report.OutOfScopeRecall:0.00}%  (threshold {report.Threshold:0.###})");
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
}

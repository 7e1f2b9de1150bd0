using System.CommandLine;
using System.Text.Json;
using SupportBot.Intents;
using SupportBot.Retraining;

namespace SupportBot.Cli.Commands;

/// <summary>
/// <c>compare</c>: the candidate against the serving model on the frozen evaluation set. Exit 0 when promotion is
/// recommended, 3 when an intent regressed beyond the tolerance, 1 when the models cannot be compared.
/// </summary>
internal static class CompareCommand
{
    public const int NotRecommended = 3;

    public static Command Create()
    {
        var candidate = CliOptions.Text("--candidate", "The newly trained model.", "model.zip", required: true);
        var current = CliOptions.Text("--current", "The serving model.", "model.zip", required: true);
        var eval = CliOptions.Files("--eval", "The frozen evaluation sets (default models/eval/frozen-v2.*.jsonl, else models/eval/frozen.jsonl).");
        // Without a tolerance each intent is judged against the smallest drop the set can detect on it (DetectableDrop):
        // about 25 F1 points on the first frozen set's 20 examples an intent, 1-3 on frozen-v2's 260-360.
        var tolerance = new Option<double?>("--tolerance")
        {
            Description = "F1 points an intent may drop (default: each intent's smallest detectable drop).",
            HelpName = "POINTS",
        };
        var minSupport = CliOptions.Int("--min-examples", "Intents with fewer examples are not judged.", 20);
        var alpha = CliOptions.Number("--alpha", "Significance of the sign test; 1 flags every drop beyond the tolerance.", 0.05, "P",
            a => a is > 0 and <= 1, "above 0 and at most 1 (1 flags every drop beyond the tolerance)");
        var json = CliOptions.Flag("--json", "The comparison as JSON on standard output.");
        var command = new Command("compare", """
            Overall and per-intent deltas on the frozen set; exit 3 when an intent with enough examples drops more
            than the tolerance and a sign test on the examples that changed puts the drop beyond chance (p < alpha).
            """)
        {
            candidate, current, eval, tolerance, minSupport, alpha, json,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(candidate), parse.GetRequiredValue(current), parse.GetValue(eval) ?? [],
            parse.GetValue(tolerance), parse.GetValue(minSupport), parse.GetValue(alpha), parse.GetValue(json)));
        return command;
    }

    private static int Run(string candidatePath, string currentPath, string[] files, double? tolerance, int minSupport, double alpha, bool asJson)
    {
        var candidate = IntentModel.Load(candidatePath);
        var current = IntentModel.Load(currentPath);
        var (onlyCurrent, onlyCandidate) = ModelComparison.LabelDifference(current.Card, candidate.Card);
        if (onlyCurrent.Count > 0 || onlyCandidate.Count > 0)
        {
            Console.Error.WriteLine("error: the models know different intents, so they cannot be compared intent by intent" +
                (onlyCurrent.Count > 0 ? $"; only the current one knows: {string.Join(", ", onlyCurrent)}" : "") +
                (onlyCandidate.Count > 0 ? $"; only the candidate knows: {string.Join(", ", onlyCandidate)}" : "") +
                ". Retrain the candidate on data with the same intents (and add dialogs for new ones first).");
            return SupportBotCli.Failed;
        }

        var examples = TrainingData.Load(files.Length > 0 ? files : DefaultEvaluationFiles());
        var currentReport = IntentEvaluator.Evaluate(current, examples, new ConsoleProgress("current", examples.Count));
        var candidateReport = IntentEvaluator.Evaluate(candidate, examples, new ConsoleProgress("candidate", examples.Count));
        var comparison = ModelComparison.Of(currentReport, candidateReport, tolerance, minSupport, alpha);

        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                current = current.Card.Version,
                candidate = candidate.Card.Version,
                examples = examples.Count,
                recommended = comparison.Recommended,
                tolerance,
                minExamples = minSupport,
                alpha,
                accuracy = new { current = currentReport.Accuracy, candidate = candidateReport.Accuracy },
                macroF1 = new { current = currentReport.MacroF1, candidate = candidateReport.MacroF1 },
                inScopeAccuracy = new { current = currentReport.InScopeAccuracy, candidate = candidateReport.InScopeAccuracy },
                outOfScopeRecall = new { current = currentReport.OutOfScopeRecall, candidate = candidateReport.OutOfScopeRecall },
                perIntent = comparison.Intents,
            }, ModelCard.Json));
            return comparison.Recommended ? 0 : NotRecommended;
        }

        Console.WriteLine($"current {current.Card.Version} vs candidate {candidate.Card.Version} on {examples.Count} examples");
        Console.WriteLine($"{"",-22} {"current",8} {"candidate",9} {"delta",7}");
        Row("accuracy", currentReport.Accuracy, candidateReport.Accuracy);
        Row("macro-F1", currentReport.MacroF1, candidateReport.MacroF1);
        Row("in-scope accuracy", currentReport.InScopeAccuracy, candidateReport.InScopeAccuracy);
        Row("out-of-scope recall", currentReport.OutOfScopeRecall, candidateReport.OutOfScopeRecall);
        Console.WriteLine();
        Console.WriteLine($"{"intent (F1)",-26} {"support",7} {"current",8} {"candidate",9} {"delta",7} {"worse",6} {"better",6} {"p",6} {"detect",7}");
        foreach (var i in comparison.Intents)
        {
            Console.WriteLine($"{i.Intent,-26} {i.Support,7} {i.CurrentF1,8:0.0} {i.CandidateF1,9:0.0} {i.Delta,7:+0.0;-0.0;0.0} {i.Worse,6} {i.Better,6} {i.PValue,6:0.000} {i.Detectable,7:0.0}{(i.Regressed ? "  ← regressed" : "")}");
        }

        Console.WriteLine();
        var judged = comparison.Intents.Where(i => i.Support >= minSupport).Select(i => i.Detectable).Order().ToList();
        if (judged.Count > 0)
        {
            Console.WriteLine($"smallest F1 drop detectable per intent (sign test p < {alpha:0.###}): {judged[0]:0.0}-{judged[^1]:0.0} points, median {judged[judged.Count / 2]:0.0}");
        }

        if (comparison.Recommended)
        {
            var withinChance = comparison.Intents.Where(i => i.Support >= minSupport && -i.Delta > (tolerance ?? Math.Max(i.Detectable, 0))).ToList();
            Console.WriteLine($"RECOMMENDED: no intent with {minSupport}+ examples drops more than {Bar(tolerance)}" +
                (withinChance.Count == 0 ? "." : $" beyond chance ({string.Join(", ", withinChance.Select(i => $"{i.Intent} {i.Delta:+0.0;-0.0}, {i.Worse} worse / {i.Better} better, p {i.PValue:0.00}"))}: p ≥ {alpha:0.###})."));
            return 0;
        }

        Console.WriteLine($"NOT RECOMMENDED: {string.Join(", ", comparison.Regressions.Select(r => $"{r.Intent} {r.Delta:+0.0;-0.0}"))} " +
            $"(more than {Bar(tolerance)} for intents with {minSupport}+ examples, sign test p < {alpha:0.###}).");
        return NotRecommended;
    }

    private static string Bar(double? tolerance) => tolerance is { } points ? $"{points:0.#} F1 points" : "its detectable drop";

    /// <summary>The second frozen set (65-90 examples an intent in each language) when it is there, else the first.</summary>
    private static string[] DefaultEvaluationFiles()
    {
        var folder = Path.Combine("models", "eval");
        var second = Directory.Exists(folder) ? Directory.GetFiles(folder, "frozen-v2.*.jsonl").Order(StringComparer.Ordinal).ToArray() : [];
        return second.Length > 0 ? second : [Path.Combine(folder, "frozen.jsonl")];
    }

    private static void Row(string name, double? current, double? candidate) =>
        Console.WriteLine($"{name,-22} {current,8:0.00} {candidate,9:0.00} {candidate - current,7:+0.00;-0.00;0.00}");
}

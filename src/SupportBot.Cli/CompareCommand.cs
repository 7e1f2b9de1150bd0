using System.Text.Json;
using SupportBot.Intents;

namespace SupportBot.Cli;

/// <summary>
/// <c>compare</c>: the candidate against the serving model on the frozen evaluation set. Exit 0 when promotion is
/// recommended, 3 when an intent regressed beyond the tolerance, 1 when the models cannot be compared.
/// </summary>
internal static class CompareCommand
{
    public const int NotRecommended = 3;

    public static int Run(string[] args)
    {
        var a = Arguments.Parse(args, new HashSet<string> { "json" });
        var candidate = IntentModel.Load(a.Required("candidate"));
        var current = IntentModel.Load(a.Required("current"));
        var (onlyCurrent, onlyCandidate) = ModelComparison.LabelDifference(current.Card, candidate.Card);
        if (onlyCurrent.Count > 0 || onlyCandidate.Count > 0)
        {
            Console.Error.WriteLine("error: the models know different intents, so they cannot be compared intent by intent" +
                (onlyCurrent.Count > 0 ? $"; only the current one knows: {string.Join(", ", onlyCurrent)}" : "") +
                (onlyCandidate.Count > 0 ? $"; only the candidate knows: {string.Join(", ", onlyCandidate)}" : "") +
                ". Retrain the candidate on data with the same intents (and add dialogs for new ones first).");
            return 1;
        }

        var files = a.All("eval");
        var examples = TrainingData.Load(files.Count > 0 ? files : [Path.Combine("models", "eval", "frozen.jsonl")]);
        // The frozen set has about 20 examples per intent: one example more or less right moves F1 by ~2.5 points,
        // so a drop of more than 5 points (two examples) on an intent with 20+ examples is the smallest visible one,
        // and only a drop that the sign test cannot put down to chance (p < alpha) withholds the recommendation.
        var tolerance = a.Double("tolerance", 5.0);
        var minSupport = a.Int("min-examples", 20);
        var alpha = a.Double("alpha", 0.05);
        if (alpha is <= 0 or > 1)
        {
            throw new UsageException($"--alpha must be above 0 and at most 1 (1 flags every drop beyond the tolerance); got {alpha}.");
        }

        var currentReport = IntentEvaluator.Evaluate(current, examples, new ConsoleProgress("current", examples.Count));
        var candidateReport = IntentEvaluator.Evaluate(candidate, examples, new ConsoleProgress("candidate", examples.Count));
        var comparison = ModelComparison.Of(currentReport, candidateReport, tolerance, minSupport, alpha);

        if (a.Flag("json"))
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
        Console.WriteLine($"{"intent (F1)",-26} {"support",7} {"current",8} {"candidate",9} {"delta",7} {"worse",6} {"better",6} {"p",6}");
        foreach (var i in comparison.Intents)
        {
            Console.WriteLine($"{i.Intent,-26} {i.Support,7} {i.CurrentF1,8:0.0} {i.CandidateF1,9:0.0} {i.Delta,7:+0.0;-0.0;0.0} {i.Worse,6} {i.Better,6} {i.PValue,6:0.000}{(i.Regressed ? "  ← regressed" : "")}");
        }

        Console.WriteLine();
        if (comparison.Recommended)
        {
            var withinChance = comparison.Intents.Where(i => i.Support >= minSupport && -i.Delta > tolerance).ToList();
            Console.WriteLine($"RECOMMENDED: no intent with {minSupport}+ examples drops more than {tolerance:0.#} F1 points" +
                (withinChance.Count == 0 ? "." : $" beyond chance ({string.Join(", ", withinChance.Select(i => $"{i.Intent} {i.Delta:+0.0;-0.0}, {i.Worse} worse / {i.Better} better, p {i.PValue:0.00}"))}: p ≥ {alpha:0.###})."));
            return 0;
        }

        Console.WriteLine($"NOT RECOMMENDED: {string.Join(", ", comparison.Regressions.Select(r => $"{r.Intent} {r.Delta:+0.0;-0.0}"))} " +
            $"(tolerance {tolerance:0.#} points for intents with {minSupport}+ examples, sign test p < {alpha:0.###}).");
        return NotRecommended;
    }

    private static void Row(string name, double? current, double? candidate) =>
        Console.WriteLine($"{name,-22} {current,8:0.00} {candidate,9:0.00} {candidate - current,7:+0.00;-0.00;0.00}");
}

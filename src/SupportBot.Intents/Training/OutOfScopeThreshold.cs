namespace SupportBot.Intents;

/// <summary>
/// Chooses the calibrated confidence below which a message is answered as out of scope, from validation rows.
/// </summary>
internal static class OutOfScopeThreshold
{
    private const float Step = 0.005f;
    private const float Highest = 0.95f;

    /// <summary>In-scope validation rows a language needs for a threshold of its own (the shipped data has 900+ each).</summary>
    public const int FewestInScopeRows = 250;

    public static float Choose(IReadOnlyList<IntentEvaluator.ScoredRow> rows, IReadOnlyList<string> labels, IntentTrainerOptions options) =>
        options.ThresholdRule switch
        {
            "budget" => WithinBudget(rows, labels, options.MaxInScopeLoss),
            "balanced" => IntentEvaluator.ChooseThreshold(rows, labels, options.MaxInScopeLoss),
            _ => throw new ArgumentException($"Unknown threshold rule '{options.ThresholdRule}': use budget or balanced."),
        };

    /// <summary>
    /// A threshold for each language (as <see cref="LanguageDetector"/> tells it from the text, the call serving
    /// makes) with at least <see cref="FewestInScopeRows"/> in-scope validation rows, chosen by the same rule on that
    /// language's rows alone, so each language gives up at most the budget of its own right answers. Languages with
    /// fewer rows are left to the shared threshold: a budget of a few tenths of a point of a small set is no row at all.
    /// </summary>
    public static Dictionary<string, float> ChooseByLanguage(IReadOnlyList<IntentEvaluator.ScoredRow> rows, IReadOnlyList<string> labels, IntentTrainerOptions options) =>
        rows.GroupBy(r => LanguageDetector.Detect(r.Example.Text))
            .Where(g => g.Key is not null && g.Count(r => r.Example.Intent != IntentNames.OutOfScope) >= FewestInScopeRows)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key!, g => Choose([.. g], labels, options));

    /// <summary>
    /// The highest threshold (on a 0.005 grid) that turns away at most <paramref name="maxInScopeLoss"/> points of
    /// in-scope accuracy: the most out-of-scope recall that budget buys. Unlike maximising accuracy plus recall, it
    /// does not hinge on the few out-of-scope rows a validation set has, and it works without any.
    /// </summary>
    public static float WithinBudget(IReadOnlyList<IntentEvaluator.ScoredRow> rows, IReadOnlyList<string> labels, double maxInScopeLoss)
    {
        var outOfScope = IndexOf(labels, IntentNames.OutOfScope);
        var inScope = 0;
        var rightConfidences = new List<float>();
        var refused = 0;
        foreach (var row in rows)
        {
            if (row.Example.Intent == IntentNames.OutOfScope)
            {
                continue;
            }

            inScope++;
            var best = ArgMax(row.Probabilities);
            if (best != outOfScope && labels[best] == row.Example.Intent)
            {
                var acceptance = row.Acceptance ?? row.Probabilities[best];
                if (float.IsNegativeInfinity(acceptance))
                {
                    refused++; // no letters: lost whatever the threshold (IntentInput.HasNoLetters), charged to the budget
                }
                else
                {
                    rightConfidences.Add(acceptance);
                }
            }
        }

        if (rightConfidences.Count == 0)
        {
            return 0f;
        }

        rightConfidences.Sort();
        var mayLose = Math.Max(0, (int)Math.Floor(maxInScopeLoss / 100 * inScope) - refused);
        if (mayLose >= rightConfidences.Count)
        {
            return Highest;
        }

        // Rows at or above the threshold are kept, so the (mayLose+1)-th lowest right answer still passes.
        var threshold = MathF.Floor(rightConfidences[mayLose] / Step) * Step;
        return Math.Clamp(threshold, 0f, Highest);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}

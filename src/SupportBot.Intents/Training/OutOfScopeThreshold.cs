namespace SupportBot.Intents;

/// <summary>
/// Chooses the calibrated confidence below which a message is answered as out of scope, from validation rows.
/// </summary>
internal static class OutOfScopeThreshold
{
    private const float Step = 0.005f;
    private const float Highest = 0.95f;

    public static float Choose(IReadOnlyList<IntentEvaluator.ScoredRow> rows, IReadOnlyList<string> labels, IntentTrainerOptions options) =>
        options.ThresholdRule switch
        {
            "budget" => WithinBudget(rows, labels, options.MaxInScopeLoss),
            "balanced" => IntentEvaluator.ChooseThreshold(rows, labels, options.MaxInScopeLoss),
            _ => throw new ArgumentException($"Unknown threshold rule '{options.ThresholdRule}': use budget or balanced."),
        };

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
                rightConfidences.Add(row.Acceptance ?? row.Probabilities[best]);
            }
        }

        if (rightConfidences.Count == 0)
        {
            return 0f;
        }

        rightConfidences.Sort();
        var mayLose = (int)Math.Floor(maxInScopeLoss / 100 * inScope);
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

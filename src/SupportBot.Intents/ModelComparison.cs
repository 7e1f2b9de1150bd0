namespace SupportBot.Intents;

/// <summary>One intent's F1 under both models; <see cref="Regressed"/> when it has enough examples and fell further than the tolerance.</summary>
public sealed record IntentDelta(string Intent, int Support, double CurrentF1, double CandidateF1, bool Regressed)
{
    public double Delta => CandidateF1 - CurrentF1;
}

/// <summary>
/// A candidate model against the serving one on the same (frozen) evaluation set: overall and per-intent deltas,
/// and a recommendation that is withheld when any intent with at least <c>minSupport</c> examples drops by more
/// than <c>tolerance</c> F1 points, however good the average looks.
/// </summary>
public sealed record ModelComparison(
    EvaluationReport Current,
    EvaluationReport Candidate,
    IReadOnlyList<IntentDelta> Intents,
    double Tolerance,
    int MinSupport)
{
    public bool Recommended => !Intents.Any(i => i.Regressed);

    public IReadOnlyList<IntentDelta> Regressions => [.. Intents.Where(i => i.Regressed)];

    public static ModelComparison Of(EvaluationReport current, EvaluationReport candidate, double tolerance, int minSupport)
    {
        var before = current.PerIntent.ToDictionary(i => i.Intent);
        var intents = candidate.PerIntent
            .Select(after =>
            {
                var was = before.GetValueOrDefault(after.Intent);
                var support = Math.Max(after.Support, was?.Support ?? 0);
                var currentF1 = was?.F1 ?? 0;
                return new IntentDelta(after.Intent, support, currentF1, after.F1, support >= minSupport && currentF1 - after.F1 > tolerance);
            })
            .OrderBy(i => i.Delta)
            .ToList();
        return new ModelComparison(current, candidate, intents, tolerance, minSupport);
    }

    /// <summary>Labels one model knows and the other does not: such models cannot be compared intent by intent.</summary>
    public static (IReadOnlyList<string> OnlyCurrent, IReadOnlyList<string> OnlyCandidate) LabelDifference(ModelCard current, ModelCard candidate) =>
        ([.. current.Labels.Except(candidate.Labels).Order(StringComparer.Ordinal)], [.. candidate.Labels.Except(current.Labels).Order(StringComparer.Ordinal)]);
}

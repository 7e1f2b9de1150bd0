using SupportBot.Intents;

namespace SupportBot.Retraining;

/// <summary>
/// One intent's F1 under both models. <see cref="Worse"/> and <see cref="Better"/> count the examples the candidate
/// gets wrong where the serving model was right and the reverse, for the question "is it this intent?";
/// <see cref="PValue"/> is the chance of at least that many more worse than better ones if both models were equally
/// good. <see cref="Regressed"/> when the intent has enough examples, fell further than the tolerance, and the fall
/// is unlikely to be chance.
/// </summary>
/// <see cref="Detectable"/> is the smallest F1 drop the test can see on this intent (<see cref="DetectableDrop"/>).
public sealed record IntentDelta(
    string Intent, int Support, double CurrentF1, double CandidateF1, int Worse, int Better, double PValue, double Detectable, bool Regressed)
{
    public double Delta => CandidateF1 - CurrentF1;
}

/// <summary>
/// A candidate model against the serving one on the same (frozen) evaluation set: overall and per-intent deltas,
/// and a recommendation that is withheld when any intent with at least <c>minSupport</c> examples drops by more
/// than <c>tolerance</c> F1 points (without one: by at least the smallest drop the set can detect on that intent),
/// however good the average looks, unless a one-sided sign test on the examples that changed says the drop is
/// within chance (p ≥ <c>alpha</c>).
/// </summary>
/// <remarks>
/// Why the test: at about 20 examples per intent, two examples that change sides move F1 by 5-10 points. Retraining
/// the serving (linear) model on its own data less a random 1% moved one intent by 8 points, and the hidden-layer
/// model moves single intents as far from one seed to another; a guard on the size of the drop alone refused such
/// candidates. Two examples lost and none gained has p = 0.25; five lost and none gained, p = 0.03.
/// </remarks>
public sealed record ModelComparison(
    EvaluationReport Current,
    EvaluationReport Candidate,
    IReadOnlyList<IntentDelta> Intents,
    double? Tolerance,
    int MinSupport,
    double Alpha)
{
    public bool Recommended => !Intents.Any(i => i.Regressed);

    public IReadOnlyList<IntentDelta> Regressions => [.. Intents.Where(i => i.Regressed)];

    /// <summary>
    /// Compares two reports on the same examples in the same order; <paramref name="alpha"/> 1 flags every drop beyond
    /// the tolerance. A null tolerance judges each intent by its own detectable drop, so a large frozen set flags
    /// smaller regressions than a small one can.
    /// </summary>
    public static ModelComparison Of(EvaluationReport current, EvaluationReport candidate, double? tolerance, int minSupport, double alpha = 0.05)
    {
        if (current.Rows.Count != candidate.Rows.Count
            || current.Rows.Zip(candidate.Rows).Any(p => p.First.Expected != p.Second.Expected))
        {
            throw new ArgumentException("The two reports are not on the same examples in the same order.");
        }

        var before = current.PerIntent.ToDictionary(i => i.Intent);
        var intents = candidate.PerIntent
            .Select(after =>
            {
                var was = before.GetValueOrDefault(after.Intent);
                var support = Math.Max(after.Support, was?.Support ?? 0);
                var currentF1 = was?.F1 ?? 0;
                var (worse, better) = Changed(current.Rows, candidate.Rows, after.Intent);
                var p = SignTest(worse, better);
                var detectable = DetectableDrop.Of(current.Rows, after.Intent, worse + better, alpha);
                var drop = currentF1 - after.F1;
                var beyond = tolerance is { } points ? drop > points : drop > 0 && drop >= detectable;
                var regressed = support >= minSupport && beyond && p < alpha;
                return new IntentDelta(after.Intent, support, currentF1, after.F1, worse, better, p, detectable, regressed);
            })
            .OrderBy(i => i.Delta)
            .ToList();
        return new ModelComparison(current, candidate, intents, tolerance, minSupport, alpha);
    }

    /// <summary>Labels one model knows and the other does not: such models cannot be compared intent by intent.</summary>
    public static (IReadOnlyList<string> OnlyCurrent, IReadOnlyList<string> OnlyCandidate) LabelDifference(ModelCard current, ModelCard candidate) =>
        ([.. current.Labels.Except(candidate.Labels).Order(StringComparer.Ordinal)], [.. candidate.Labels.Except(current.Labels).Order(StringComparer.Ordinal)]);

    /// <summary>
    /// Examples whose answer to "is it <paramref name="intent"/>?" (labelled so, or predicted so) the candidate gets
    /// wrong where the serving model got it right, and the reverse. These are the only examples that move the intent's F1.
    /// </summary>
    private static (int Worse, int Better) Changed(IReadOnlyList<PredictedRow> current, IReadOnlyList<PredictedRow> candidate, string intent)
    {
        var (worse, better) = (0, 0);
        for (var i = 0; i < current.Count; i++)
        {
            var isIt = current[i].Expected == intent;
            var currentRight = (current[i].Predicted == intent) == isIt;
            var candidateRight = (candidate[i].Predicted == intent) == isIt;
            if (currentRight && !candidateRight)
            {
                worse++;
            }
            else if (!currentRight && candidateRight)
            {
                better++;
            }
        }

        return (worse, better);
    }

    /// <summary>One-sided exact sign test: the chance of <paramref name="worse"/> or more of the changed examples going the wrong way by a fair coin.</summary>
    internal static double SignTest(int worse, int better)
    {
        var n = worse + better;
        if (worse == 0)
        {
            return 1;
        }

        // Sum C(n, k) / 2^n for k = worse..n in log space, so large n does not underflow.
        var logTerm = (LogFactorial(n) - LogFactorial(worse) - LogFactorial(n - worse)) - (n * Math.Log(2));
        var total = 0.0;
        for (var k = worse; k <= n; k++)
        {
            total += Math.Exp(logTerm);
            logTerm += Math.Log(n - k) - Math.Log(k + 1);
        }

        return Math.Min(1, total);
    }

    private static double LogFactorial(int n)
    {
        var sum = 0.0;
        for (var i = 2; i <= n; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }
}

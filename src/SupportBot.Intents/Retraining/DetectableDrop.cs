using SupportBot.Intents;

namespace SupportBot.Retraining;

/// <summary>
/// The smallest F1 drop on one intent that <c>compare</c> can tell from chance, given the evaluation set's size for
/// that intent and how many of its examples changed sides between the two models (the churn that any retrain brings).
/// </summary>
/// <remarks>
/// The drop is made of k right answers the candidate loses to other intents beyond those it wins back. With D
/// examples that changed sides (at least k), k net losses means (D + k) / 2 worse and (D − k) / 2 better; the
/// smallest k for which the one-sided sign test gives p &lt; alpha is the smallest visible loss, and it is turned
/// into F1 points from the serving model's own counts on that intent. At alpha 0.05 and no churn that is 5 examples:
/// 14.3 F1 points (25 of recall) on a 20-example intent of the first frozen set, 0.7-1.0 F1 points (1.4-1.9 of
/// recall) on frozen-v2's 260-360 (65-90 in each of four languages). Churn raises the bar with its square root:
/// 30 changed examples need 10 net losses, 100 need 18.
/// </remarks>
public static class DetectableDrop
{
    /// <summary>F1 points; 100 when no drop on so few examples could reach significance.</summary>
    public static double Of(IReadOnlyList<PredictedRow> current, string intent, int changed, double alpha)
    {
        var (truePositives, falsePositives, falseNegatives) = Counts(current, intent);
        var support = truePositives + falseNegatives;
        var losses = SmallestVisibleLoss(changed, alpha, truePositives);
        if (losses is not { } k || support == 0)
        {
            return 100;
        }

        return Math.Round(F1(truePositives, falsePositives, falseNegatives) - F1(truePositives - k, falsePositives, falseNegatives + k), 2);
    }

    /// <summary>The fewest net right answers lost that the sign test puts beyond chance; null when more than <paramref name="most"/> would be needed.</summary>
    public static int? SmallestVisibleLoss(int changed, double alpha, int most)
    {
        for (var k = 1; k <= most; k++)
        {
            // The changed examples split so that worse − better = k exactly (one more changed example if D + k is odd).
            var total = Math.Max(changed, k);
            total += (total + k) % 2;
            var worse = (total + k) / 2;
            if (ModelComparison.SignTest(worse, total - worse) < alpha)
            {
                return k;
            }
        }

        return null;
    }

    private static (int TruePositives, int FalsePositives, int FalseNegatives) Counts(IReadOnlyList<PredictedRow> rows, string intent)
    {
        var (tp, fp, fn) = (0, 0, 0);
        foreach (var row in rows)
        {
            var (isIt, saidIt) = (row.Expected == intent, row.Predicted == intent);
            tp += isIt && saidIt ? 1 : 0;
            fp += !isIt && saidIt ? 1 : 0;
            fn += isIt && !saidIt ? 1 : 0;
        }

        return (tp, fp, fn);
    }

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 100.0 * 2 * tp / ((2 * tp) + fp + fn);
}

using SupportBot.Intents;
using SupportBot.Retraining;

namespace SupportBot.Tests.Retraining;

/// <summary>compare's regression guard: a drop beyond the tolerance withholds promotion only when chance cannot explain it.</summary>
public sealed class ModelComparisonTests
{
    private static readonly string[] Labels = ["order_status", "refund_status", "warranty"];

    [Theory]
    [InlineData(2, 0, 0.25)]
    [InlineData(5, 0, 0.03125)]
    [InlineData(3, 3, 0.65625)]
    [InlineData(0, 4, 1.0)]
    public void TheSignTestGivesTheExactOneSidedChance(int worse, int better, double expected) =>
        Assert.Equal(expected, ModelComparison.SignTest(worse, better), 6);

    [Fact]
    public void TheSignTestStaysAProbabilityForThousandsOfChangedExamples()
    {
        var p = ModelComparison.SignTest(1_500, 1_400);

        Assert.InRange(p, 0.0, 0.05);
        Assert.InRange(ModelComparison.SignTest(1_400, 1_500), 0.95, 1.0);
    }

    [Fact]
    public void TwoExamplesLostOnATwentyExampleIntentIsShownButDoesNotBlockPromotion()
    {
        var current = Report(Rows(warrantyRight: 20));
        var candidate = Report(Rows(warrantyRight: 18));

        var comparison = ModelComparison.Of(current, candidate, tolerance: 5, minSupport: 20);

        var warranty = comparison.Intents.Single(i => i.Intent == "warranty");
        Assert.True(warranty.Delta < -5, $"delta {warranty.Delta}");
        Assert.Equal((2, 0), (warranty.Worse, warranty.Better));
        Assert.Equal(0.25, warranty.PValue, 6);
        Assert.False(warranty.Regressed);
        Assert.True(comparison.Recommended);
    }

    [Fact]
    public void ADropBeyondChanceBlocksPromotionAndAlphaOneRestoresTheToleranceAlone()
    {
        var current = Report(Rows(warrantyRight: 20));

        var collapsed = ModelComparison.Of(current, Report(Rows(warrantyRight: 12)), tolerance: 5, minSupport: 20);
        var strict = ModelComparison.Of(current, Report(Rows(warrantyRight: 18)), tolerance: 5, minSupport: 20, alpha: 1);

        Assert.False(collapsed.Recommended);
        // Eight warranty questions now read as order_status: warranty loses recall and order_status precision.
        Assert.Equal(["order_status", "warranty"], collapsed.Regressions.Select(r => r.Intent).Order());
        Assert.True(collapsed.Regressions[0].PValue < 0.01);
        Assert.False(strict.Recommended);
    }

    [Fact]
    public void ExamplesWrongInTheSameWayUnderBothModelsDoNotCount()
    {
        // Both models call five warranty questions order_status; the candidate fixes one and breaks another.
        var current = Report([.. Rows(warrantyRight: 15), ("warranty", "warranty")]);
        var candidate = Report([.. Rows(warrantyRight: 15, firstRight: 1), ("warranty", "warranty")]);

        var warranty = ModelComparison.Of(current, candidate, 5, 20).Intents.Single(i => i.Intent == "warranty");

        Assert.Equal((1, 1), (warranty.Worse, warranty.Better));
    }

    [Fact]
    public void ReportsOnDifferentExamplesAreRefused()
    {
        var current = Report(Rows(warrantyRight: 20));
        var other = Report([.. Rows(warrantyRight: 20).Skip(1)]);

        Assert.Throws<ArgumentException>(() => ModelComparison.Of(current, other, 5, 20));
    }

    [Fact]
    public void AFivePointRecallDropOnAThreeHundredExampleIntentBlocksPromotionWithoutATolerance()
    {
        // frozen-v2 has 260-360 examples an intent; 15 of 300 warranty questions now read as order_status.
        var current = Report(Rows(warrantyRight: 300, perIntent: 300));
        var candidate = Report(Rows(warrantyRight: 285, perIntent: 300));

        var comparison = ModelComparison.Of(current, candidate, tolerance: null, minSupport: 20);

        var warranty = comparison.Intents.Single(i => i.Intent == "warranty");
        Assert.InRange(-warranty.Delta, 2, 3); // F1 falls half as fast as recall: 100 -> 97.4
        Assert.True(warranty.Regressed, warranty.ToString());
        Assert.False(comparison.Recommended);
    }

    [Fact]
    public void TheDetectableDropShrinksAsTheFrozenSetGrows()
    {
        var small = ModelComparison.Of(Report(Rows(20)), Report(Rows(20)), tolerance: null, minSupport: 20).Intents.Single(i => i.Intent == "warranty");
        var large = ModelComparison.Of(Report(Rows(300, perIntent: 300)), Report(Rows(300, perIntent: 300)), tolerance: null, minSupport: 20)
            .Intents.Single(i => i.Intent == "warranty");

        // Five right answers lost with nothing else changing is the least the sign test sees at p < 0.05.
        Assert.Equal(14.29, small.Detectable, 2);
        Assert.Equal(0.84, large.Detectable, 2);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(4, 5)]
    [InlineData(30, 10)]
    [InlineData(100, 18)]
    public void TheSmallestVisibleLossGrowsWithTheExamplesThatChangedSides(int changed, int expected) =>
        Assert.Equal(expected, DetectableDrop.SmallestVisibleLoss(changed, 0.05, most: 1_000));

    /// <summary><paramref name="perIntent"/> (20) order_status and refund_status rows answered right, and as many warranty rows of which the first <paramref name="firstRight"/> and then the last <paramref name="warrantyRight"/> − <paramref name="firstRight"/> are right.</summary>
    private static List<(string Expected, string Predicted)> Rows(int warrantyRight, int firstRight = 0, int perIntent = 20)
    {
        var rows = new List<(string, string)>();
        rows.AddRange(Enumerable.Repeat(("order_status", "order_status"), perIntent));
        rows.AddRange(Enumerable.Repeat(("refund_status", "refund_status"), perIntent));
        for (var i = 0; i < perIntent; i++)
        {
            var right = i < firstRight || i >= perIntent - (warrantyRight - firstRight);
            rows.Add(("warranty", right ? "warranty" : "order_status"));
        }

        return rows;
    }

    private static EvaluationReport Report(IEnumerable<(string Expected, string Predicted)> rows) =>
        IntentEvaluator.Evaluate(
            [.. rows.Select((r, i) => new IntentEvaluator.ScoredRow(new IntentExample($"text {i}", r.Expected, "en", "test", i + 1), OneHot(r.Predicted)))],
            Labels,
            threshold: 0f);

    private static float[] OneHot(string label) => [.. Labels.Select(l => l == label ? 1f : 0f)];
}

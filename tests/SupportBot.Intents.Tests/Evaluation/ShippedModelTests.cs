using SupportBot.Intents;

namespace SupportBot.Tests;

public class ShippedModelTests
{
    // Floors, not aims: the figures the shipped data reaches are in models/intent-model.card.md.
    private const double MinimumAccuracyPerLanguage = 70;
    private const double MinimumOutOfScopeRecall = 60;

    [Fact]
    public void AModelTrainedOnTheShippedDataUnderstandsEachLanguageOnAHeldOutSlice()
    {
        var report = IntentEvaluator.Evaluate(TrainedModels.Model, TrainedModels.HeldOut);

        Assert.Equal(["ar", "en", "ru", "th"], report.PerLanguage.Select(l => l.Language));
        Assert.All(report.PerLanguage, l => Assert.True(l.Accuracy >= MinimumAccuracyPerLanguage, $"{l.Language}: {l.Accuracy:0.0}% < {MinimumAccuracyPerLanguage}%"));
        Assert.All(report.PerLanguage, l => Assert.True(l.OutOfScopeRecall >= MinimumOutOfScopeRecall, $"{l.Language}: out-of-scope recall {l.OutOfScopeRecall:0.0}%"));
    }

    [Fact]
    public void TheShippedDataHasAtLeast25IntentsWith40ExamplesInEveryLanguage()
    {
        var examples = TrainingData.Load(TrainedModels.DataFiles);

        var intents = examples.Where(e => e.Intent != IntentNames.OutOfScope).GroupBy(e => e.Intent).ToList();

        Assert.True(intents.Count >= 25, $"{intents.Count} intents");
        foreach (var intent in intents)
        {
            foreach (var language in new[] { "en", "th", "ru", "ar" })
            {
                var count = intent.Count(e => e.Language == language);
                Assert.True(count >= 40, $"{intent.Key}/{language}: {count} examples");
            }
        }

        Assert.All(new[] { "en", "th", "ru", "ar" }, language =>
            Assert.Contains(examples, e => e.Intent == IntentNames.OutOfScope && e.Language == language));
    }

    [Fact]
    public void TheCardSaysWhatTheModelIsAndHowItScored()
    {
        var card = TrainedModels.Model.Card;

        Assert.Contains(IntentNames.OutOfScope, card.Labels);
        Assert.Equal(64, card.DataHash.Length);
        Assert.InRange(card.Threshold, 0.01f, 0.99f);
        Assert.True(card.Temperature > 0);
        Assert.NotNull(card.Validation);
        Assert.Equal(["ar", "en", "ru", "th"], card.ExamplesPerLanguage.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(10, card.Validation!.Reliability.Count);
    }
}

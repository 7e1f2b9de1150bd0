using SupportBot.Intents;

namespace SupportBot.Tests;

/// <summary>Issue 19: each language gets the out-of-scope threshold its own validation rows call for.</summary>
public sealed class OutOfScopeThresholdTests
{
    private static readonly string[] Labels = ["order_status", "refund_status", IntentNames.OutOfScope];
    private static readonly IntentTrainerOptions Budget = new() { MaxInScopeLoss = 0.3 };

    [Fact]
    public void AnEnglishOutOfScopeMessageIsNotLetThroughByAThresholdLoweredForThai()
    {
        // English right answers score 0.90-0.98, Thai ones 0.30-0.58; out-of-scope messages score 0.7 in English and
        // 0.2 in Thai. One threshold for both must sit under Thai's right answers, and so lets every English one through.
        var rows = Rows("where is my parcel", 400, 0.90f, 0.0002f, outOfScope: 0.7f)
            .Concat(Rows("พัสดุของฉันอยู่ไหน", 400, 0.30f, 0.0007f, outOfScope: 0.2f)).ToList();

        var byLanguage = OutOfScopeThreshold.ChooseByLanguage(rows, Labels, Budget);
        var report = IntentEvaluator.Evaluate(rows, Labels, OutOfScopeThreshold.Choose(rows, Labels, Budget), byLanguage);

        Assert.Equal(["en", "th"], byLanguage.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.PerLanguage, l => Assert.Equal(100, l.OutOfScopeRecall));
        Assert.All(report.PerLanguage, l => Assert.True(l.Accuracy - l.InScopeAccuracy <= Budget.MaxInScopeLoss, $"{l.Language} gave up {l.Accuracy - l.InScopeAccuracy:0.00} points"));
    }

    [Fact]
    public void ALanguageWithTooFewValidationRowsKeepsTheSharedThreshold()
    {
        var rows = Rows("where is my parcel", 400, 0.90f, 0.0002f, outOfScope: 0.7f)
            .Concat(Rows("где моя посылка", 20, 0.30f, 0.01f, outOfScope: 0.2f)).ToList();

        var byLanguage = OutOfScopeThreshold.ChooseByLanguage(rows, Labels, Budget);

        Assert.Equal(["en"], byLanguage.Keys);
    }

    [Fact]
    public void TrainingRecordsAThresholdForEachLanguageOfItsValidationRows()
    {
        var examples = TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language is "en" or "th").ToList();

        var model = new IntentTrainer(new IntentTrainerOptions { HiddenUnits = 16, HiddenNetworks = 1, HiddenEpochs = 3 }).Train(examples, null, TrainedModels.DataFiles);

        Assert.Equal(["en", "th"], model.Card.ThresholdByLanguage.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(model.Card.ThresholdByLanguage, model.Card.Validation!.ThresholdByLanguage);
        Assert.All(model.Card.ThresholdByLanguage.Values, t => Assert.InRange(t, 0.01f, 0.99f));
    }

    /// <summary>In-scope rows answered right with acceptance from <paramref name="lowest"/> up, and a quarter as many out-of-scope rows.</summary>
    private static IEnumerable<IntentEvaluator.ScoredRow> Rows(string text, int count, float lowest, float step, float outOfScope)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new(new IntentExample(text, Labels[i % 2], null, "test", i), i % 2 == 0 ? [0.8f, 0.1f, 0.1f] : [0.1f, 0.8f, 0.1f], lowest + (i * step));
        }

        for (var i = 0; i < count / 4; i++)
        {
            yield return new(new IntentExample(text, IntentNames.OutOfScope, null, "test", count + i), [0.8f, 0.1f, 0.1f], outOfScope);
        }
    }
}

using SupportBot.Intents;

namespace SupportBot.Tests;

/// <summary>Issue 19: the out-of-scope threshold applies to the hidden layers' logit, in serving and evaluation alike.</summary>
public sealed class OutOfScopeRejectionTests : IDisposable
{
    private static readonly Lazy<IntentModel> Small = new(() => Train(new IntentTrainerOptions { HiddenUnits = 16, HiddenNetworks = 2, HiddenEpochs = 3 }));

    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-rejection-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AModelTrainedWithTheDefaultsRejectsByTheLogitAndALinearOneByConfidence()
    {
        Assert.Equal(Rejection.Logit, new IntentTrainerOptions().RejectBy);
        Assert.Equal(Rejection.Logit, Small.Value.Card.RejectBy);
        Assert.Equal(Rejection.Confidence, Train(new IntentTrainerOptions { HiddenUnits = 0 }).Card.RejectBy);
    }

    [Theory]
    [InlineData("where is my order")]
    [InlineData("i want my money back")]
    public void ServingComparesTheThresholdWithTheLogitNotTheTopProbability(string text)
    {
        var model = Copy(Small.Value);
        var (probabilities, logit) = model.Score(IntentInput.From(text));
        var top = probabilities.Max();
        Assert.NotEqual(IntentNames.OutOfScope, model.Card.Labels[Array.IndexOf(probabilities, top)]);
        Assert.NotEqual(top, logit, 3);

        // A threshold between the two scores: only the one serving really uses decides the answer.
        model.Card.ThresholdByLanguage.Clear();
        model.Card.Threshold = (top + logit) / 2;
        var result = model.Classify(text);

        Assert.Equal(logit >= model.Card.Threshold, !result.IsOutOfScope);
        Assert.Equal(top, result.Confidence, 5);
    }

    [Fact]
    public void EvaluationTurnsAwayExactlyTheMessagesServingTurnsAway()
    {
        var model = Small.Value;
        var examples = TrainingData.Load(TrainedModels.DataFiles).Where((e, i) => e.Language == "en" && i % 4 == 0).ToList();

        var report = IntentEvaluator.Evaluate(model, examples);

        var answers = examples.Select(e => (Expected: e.Intent, Answer: model.Classify(e.Text).Intent)).ToList();
        var inScope = answers.Where(a => a.Expected != IntentNames.OutOfScope).ToList();
        var outOfScope = answers.Where(a => a.Expected == IntentNames.OutOfScope).ToList();
        Assert.NotEmpty(outOfScope);
        Assert.Equal(Math.Round(100.0 * inScope.Count(a => a.Answer == a.Expected) / inScope.Count, 2), report.InScopeAccuracy);
        Assert.Equal(Math.Round(100.0 * outOfScope.Count(a => a.Answer == IntentNames.OutOfScope) / outOfScope.Count, 2), report.OutOfScopeRecall);
    }

    [Fact]
    public void AMessageWithoutLettersIsTurnedAwayByEvaluationAsByServingWhateverItsLabel()
    {
        // Training data labels "🙏" thanks; serving refuses any message without a letter before the model sees it.
        var model = Copy(Small.Value);
        model.Card.Threshold = 0f;
        model.Card.ThresholdByLanguage.Clear();
        IntentExample[] examples = [new("🙏", "thanks", "en", "test", 1), new("thank you so much", "thanks", "en", "test", 2), new("???", IntentNames.OutOfScope, "en", "test", 3)];
        Assert.True(model.Classify("🙏").IsOutOfScope);
        Assert.False(model.Classify("thank you so much").IsOutOfScope);

        var report = IntentEvaluator.Evaluate(model, examples);

        Assert.Equal(50, report.InScopeAccuracy);
        Assert.Equal(100, report.OutOfScopeRecall);
    }

    [Fact]
    public void ServingAppliesTheThresholdOfTheMessagesLanguage()
    {
        const string text = "where is my order";
        var model = Copy(Small.Value);
        var logit = model.Score(IntentInput.From(text)).Acceptance;
        Assert.InRange(logit, 0.02f, 0.98f);
        model.Card.Threshold = logit / 2;

        // Another language's stricter threshold leaves an English message alone; English's own turns it away.
        model.Card.ThresholdByLanguage = new() { ["th"] = logit + 0.01f };
        Assert.False(model.Classify(text).IsOutOfScope);
        model.Card.ThresholdByLanguage["en"] = logit + 0.01f;
        Assert.True(model.Classify(text).IsOutOfScope);
    }

    [Fact]
    public void EvaluationAppliesEachLanguagesThresholdAsServingDoes()
    {
        var model = Copy(Small.Value);
        var examples = TrainingData.Load(TrainedModels.DataFiles).Where((e, i) => e.Language is "en" or "th" && i % 6 == 0).ToList();
        var acceptances = examples.ToLookup(e => LanguageDetector.Detect(e.Text), e => model.Score(IntentInput.From(e.Text)).Acceptance);
        model.Card.Threshold = 0f;
        model.Card.ThresholdByLanguage = new() { ["en"] = acceptances["en"].Order().ElementAt(acceptances["en"].Count() / 3), ["th"] = acceptances["th"].Order().ElementAt(acceptances["th"].Count() / 2) };

        var report = IntentEvaluator.Evaluate(model, examples);

        var answers = examples.Select(e => (Expected: e.Intent, Answer: model.Classify(e.Text).Intent)).ToList();
        var inScope = answers.Where(a => a.Expected != IntentNames.OutOfScope).ToList();
        var outOfScope = answers.Where(a => a.Expected == IntentNames.OutOfScope).ToList();
        Assert.Equal(Math.Round(100.0 * inScope.Count(a => a.Answer == a.Expected) / inScope.Count, 2), report.InScopeAccuracy);
        Assert.Equal(Math.Round(100.0 * outOfScope.Count(a => a.Answer == IntentNames.OutOfScope) / outOfScope.Count, 2), report.OutOfScopeRecall);
    }

    [Fact]
    public void PerLanguageThresholdsSurviveSavingAndLoading()
    {
        var model = Copy(Small.Value);
        model.Card.ThresholdByLanguage = new() { ["en"] = 0.25f, ["th"] = 0.125f };
        var path = Path.Combine(_dir, "by-language.zip");
        model.Save(path);

        var loaded = IntentModel.Load(path);

        Assert.Equal(model.Card.ThresholdByLanguage, loaded.Card.ThresholdByLanguage);
        Assert.Equal(0.125f, loaded.Card.ThresholdFor("th"));
        Assert.Equal(loaded.Card.Threshold, loaded.Card.ThresholdFor("ru"));
        Assert.Contains("th 0.125", File.ReadAllText(Path.ChangeExtension(path, ".card.md")));
    }

    [Fact]
    public void TheShippedModelRejectsByTheLogitWithEachLanguagesOwnThreshold()
    {
        var shipped = IntentModel.Load(Path.Combine(RepositoryPaths.Root, "models", "intent-model.zip"));

        Assert.Equal(Rejection.Logit, shipped.Card.RejectBy);
        Assert.Equal(["ar", "en", "ru", "th"], shipped.Card.ThresholdByLanguage.Keys.Order(StringComparer.Ordinal));
        foreach (var text in new[] { "where is my order", "what is the meaning of life", "refund?", "مرحبا", "до скольки вы работаете" })
        {
            var result = shipped.Classify(text);
            var acceptance = shipped.Score(IntentInput.From(text)).Acceptance;
            Assert.Equal(acceptance >= shipped.Card.ThresholdFor(result.Language) && result.Top[0].Intent != IntentNames.OutOfScope, !result.IsOutOfScope);
        }
    }

    [Fact]
    public void TheRejectionScoreSurvivesSavingAndLoading()
    {
        var path = Path.Combine(_dir, "model.zip");
        Small.Value.Save(path);

        var loaded = IntentModel.Load(path);

        Assert.Equal(Rejection.Logit, loaded.Card.RejectBy);
        Assert.Contains("logit", File.ReadAllText(Path.ChangeExtension(path, ".card.md")));
        var (before, after) = (Small.Value.Score(IntentInput.From("refund?")), loaded.Score(IntentInput.From("refund?")));
        Assert.Equal(before.Probabilities, after.Probabilities);
        Assert.Equal(before.Acceptance, after.Acceptance);
    }

    private static IntentModel Train(IntentTrainerOptions options) =>
        new IntentTrainer(options).Train([.. TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language == "en")], null, TrainedModels.DataFiles);

    /// <summary>A model whose card this test may change without touching the shared one.</summary>
    private IntentModel Copy(IntentModel model)
    {
        var path = Path.Combine(_dir, $"copy-{Guid.NewGuid():N}.zip");
        model.Save(path);
        return IntentModel.Load(path);
    }
}

using System.IO.Compression;
using SupportBot.Intents;

namespace SupportBot.Tests;

/// <summary>Issue 19: rejection by the logit and the nearest training example of the top intent in the hidden layers' activations.</summary>
public sealed class NeighbourRejectionTests : IDisposable
{
    private static readonly Lazy<IntentModel> Small = new(() => new IntentTrainer(new IntentTrainerOptions
    {
        HiddenUnits = 16, HiddenNetworks = 2, HiddenEpochs = 3, RejectBy = Rejection.Neighbours, NeighboursPerIntent = 40,
    }).Train([.. TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language == "en")], null, TrainedModels.DataFiles));

    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-neighbours-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheNearestStoredExampleGivesTheCosineAndAnIntentKeepsAnEvenSpreadOfAtMostItsShare()
    {
        float[][] activations = [[1, 0, 0], [0, 2, 0], [0, 0, 3], [1, 1, 0], [3, 0, 4]];
        var index = NeighbourIndex.Build([activations], [0, 0, 0, 0, 1], classes: 2, perIntent: 2);

        // Intent 0 keeps examples 0 and 2 of its four; intent 1 its only one.
        Assert.Equal(1f, index.Nearest(0, 0, [2, 0, 0]), 2);
        Assert.Equal(1f, index.Nearest(0, 0, [0, 0, 5]), 2);
        Assert.Equal(MathF.Sqrt(0.5f), index.Nearest(0, 0, [0, 1, 1]), 2); // [0, 2, 0] was not kept
        Assert.Equal(0.8f, index.Nearest(0, 1, [0, 0, 1]), 2);
    }

    [Fact]
    public void ServingThresholdsTheLogitMovedByTheNearestExamplesSimilarity()
    {
        var model = Small.Value;
        var input = IntentInput.From("where is my order");
        var (probabilities, acceptance) = model.Score(input);
        var (logit, nearest) = LogitAndNearest(model, input, Array.IndexOf(probabilities, probabilities.Max()));

        Assert.Equal(Rejection.Neighbours, model.Card.RejectBy);
        Assert.InRange(nearest, 0.5f, 1.0001f);
        Assert.Equal(Rejection.NeighbourScore(logit, nearest), acceptance, 4);
        Assert.NotEqual(1f / (1f + MathF.Exp(-logit)), acceptance, 3);
    }

    [Fact]
    public void NeighboursAndLinearAlsoMovesTheScoreByTheLinearModelsProbabilityForTheSameIntent()
    {
        var small = Small.Value;
        var card = System.Text.Json.JsonSerializer.Deserialize<ModelCard>(System.Text.Json.JsonSerializer.Serialize(small.Card, ModelCard.Json), ModelCard.Json)!;
        card.RejectBy = Rejection.NeighboursAndLinear;
        var model = new IntentModel(small.Ml, small.Transformer, card, small.Hidden, small.Neighbours);

        // The least certain of a few messages, so the two scores are not both 1 to float precision.
        var input = new[] { "what is the capital of peru", "sing me a song about cats", "hmm ok", "where is my order" }
            .Select(t => IntentInput.From(t)).MinBy(i => small.Score(i).Acceptance)!;

        var (probabilities, acceptance) = model.Score(input);
        var top = Array.IndexOf(probabilities, probabilities.Max());
        var linear = model.LinearProbabilities(input)[top];
        var (logit, nearest) = LogitAndNearest(small, input, top);

        Assert.Equal(probabilities, small.Score(input).Probabilities);
        Assert.InRange(linear, 0.05f, 1f);
        Assert.Equal(Rejection.NeighbourScore(logit + (Rejection.LinearWeight * (linear - Rejection.LinearCentre)), nearest), acceptance, 4);
        Assert.NotEqual(small.Score(input).Acceptance, acceptance, 3);
    }

    [Fact]
    public void TrainingWithNeighboursAndLinearStoresTheIndexAndTheCardSaysSo()
    {
        var model = new IntentTrainer(new IntentTrainerOptions { HiddenUnits = 8, HiddenNetworks = 1, HiddenEpochs = 1, RejectBy = Rejection.NeighboursAndLinear, NeighboursPerIntent = 20 })
            .Train([.. TrainingData.Load(TrainedModels.DataFiles).Where((e, i) => e.Language == "en" && i % 3 == 0)], null, TrainedModels.DataFiles);
        var path = Path.Combine(_dir, "linear.zip");
        model.Save(path);

        Assert.NotNull(model.Neighbours);
        Assert.Equal(Rejection.NeighboursAndLinear, IntentModel.Load(path).Card.RejectBy);
        Assert.Contains(Rejection.NeighboursAndLinear, File.ReadAllText(Path.ChangeExtension(path, ".card.md")));
    }

    [Fact]
    public void TheIndexSurvivesSavingAndLoadingAndAModelWithoutItIsRefused()
    {
        var path = Path.Combine(_dir, "model.zip");
        Small.Value.Save(path);

        var loaded = IntentModel.Load(path);
        Assert.Equal(Small.Value.Score(IntentInput.From("refund?")).Acceptance, loaded.Score(IntentInput.From("refund?")).Acceptance);
        Assert.Contains("neighbours", File.ReadAllText(Path.ChangeExtension(path, ".card.md")));

        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            archive.GetEntry(NeighbourIndex.EntryName)!.Delete();
        }

        var refused = Assert.Throws<InvalidDataException>(() => IntentModel.Load(path));
        Assert.Contains("neighbours", refused.Message);
    }

    /// <summary>The hidden networks' mean logit for <paramref name="top"/> and their mean nearest stored example's cosine, computed apart from serving.</summary>
    private static (float Logit, float Nearest) LogitAndNearest(IntentModel model, IntentInput input, int top)
    {
        var features = FeatureRows.Of(model, [input])[0];
        var (logit, nearest) = (0f, 0f);
        for (var k = 0; k < model.Hidden.Count; k++)
        {
            var hidden = model.Hidden[k].Activations(features);
            var scores = new float[model.Hidden[k].Classes];
            model.Hidden[k].Scores(hidden, scores);
            logit += scores[top] / model.Hidden.Count;
            nearest += model.Neighbours!.Nearest(k, top, hidden) / model.Hidden.Count;
        }

        return (logit, nearest);
    }

    [Fact]
    public void OnlyTheNeighbourRejectionStoresTheIndex() =>
        Assert.Null(new IntentTrainer(new IntentTrainerOptions { HiddenUnits = 8, HiddenNetworks = 1, HiddenEpochs = 1 })
            .Train([.. TrainingData.Load(TrainedModels.DataFiles).Where((e, i) => e.Language == "en" && i % 3 == 0)], null, TrainedModels.DataFiles).Neighbours);
}

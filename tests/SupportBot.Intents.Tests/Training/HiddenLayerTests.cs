using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class HiddenLayerTests
{
    // Two n-grams, "a" and "b": the intent is 0 when exactly one is present and 1 otherwise. No weighted sum of
    // the two separates that; a hidden layer does.
    private static readonly SparseRow[] Patterns = [new([0], [1f]), new([1], [1f]), new([0, 1], [0.7f, 0.7f]), new([], [])];
    private static readonly int[] PatternLabels = [0, 0, 1, 1];

    private static readonly IntentTrainerOptions Small = new()
    {
        HiddenUnits = 16, HiddenEpochs = 60, HiddenDropout = 0f, HiddenLearningRate = 0.02f, Seed = 3,
    };

    [Fact]
    public void AHiddenLayerLearnsACombinationOfFeaturesThatNoWeightedSumCan()
    {
        var network = Train(Small);

        for (var i = 0; i < Patterns.Length; i++)
        {
            var probabilities = network.Probabilities(Vector(Patterns[i]));
            Assert.True(probabilities[PatternLabels[i]] > 0.9f, $"pattern {i}: {string.Join(", ", probabilities)}");
        }
    }

    [Fact]
    public void TheSameSeedTrainsTheSameNetworkAndAnotherSeedADifferentOne()
    {
        var first = Probabilities(Train(Small));

        Assert.Equal(first, Probabilities(Train(Small)));
        Assert.NotEqual(first, Probabilities(Train(Small with { Seed = 4 })));
    }

    [Fact]
    public void TheOrderOfTheTrainingRowsDoesNotChangeTheNetwork()
    {
        var rows = Enumerable.Range(0, 40).SelectMany(_ => Patterns).ToList();
        var labels = Enumerable.Range(0, 40).SelectMany(_ => PatternLabels).ToArray();
        var shuffled = Enumerable.Range(0, rows.Count).ToArray();
        new Random(7).Shuffle(shuffled);
        var options = Small with { HiddenDropout = 0.3f };

        var inOrder = HiddenLayerTrainer.Train(rows, labels, features: 2, classes: 2, options);
        var reordered = HiddenLayerTrainer.Train([.. shuffled.Select(i => rows[i])], [.. shuffled.Select(i => labels[i])], features: 2, classes: 2, options);

        Assert.Equal(Probabilities(inOrder), Probabilities(reordered));
    }

    [Fact]
    public void ANetworkWrittenAndReadBackAnswersExactlyTheSame()
    {
        var network = Train(Small);
        using var file = new MemoryStream();
        network.Write(file);

        var loaded = HiddenLayerNetwork.Read(new MemoryStream(file.ToArray()), "test");

        Assert.Equal((network.Features, network.Hidden, network.Classes), (loaded.Features, loaded.Hidden, loaded.Classes));
        Assert.Equal(Probabilities(network), Probabilities(loaded));
    }

    [Fact]
    public void AFileOfAnotherFormatIsRefusedNamingTheModel()
    {
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(99);
        }

        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => HiddenLayerNetwork.Read(file, "model.zip"));

        Assert.Contains("model.zip", error.Message);
    }

    [Fact]
    public void FeaturesTheNetworkNeverSawAreIgnored()
    {
        var network = Train(Small);

        var withUnknown = network.Probabilities(Vector(new SparseRow([0, 5], [1f, 1f]), length: 6));

        Assert.Equal(network.Probabilities(Vector(Patterns[0])), withUnknown);
    }

    private static HiddenLayerNetwork Train(IntentTrainerOptions options)
    {
        var rows = Enumerable.Range(0, 40).SelectMany(_ => Patterns).ToList();
        var labels = Enumerable.Range(0, 40).SelectMany(_ => PatternLabels).ToArray();
        return HiddenLayerTrainer.Train(rows, labels, features: 2, classes: 2, options);
    }

    private static float[] Probabilities(HiddenLayerNetwork network) => [.. Patterns.SelectMany(p => network.Probabilities(Vector(p)))];

    private static Microsoft.ML.Data.VBuffer<float> Vector(SparseRow row, int length = 2) => new(length, row.Indices.Length, row.Values, row.Indices);
}

using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class NgramSelectionTests
{
    // Rare words come first, so the first-met cap fills up with them; "refund" comes later in half the rows.
    private static readonly string[] Rare = ["alpha bravo", "charlie delta", "echo foxtrot", "golf hotel", "india juliet", "kilo lima"];
    private static readonly string[] Fillers = ["please", "now", "today", "again", "quickly", "soon", "kindly", "asap", "thanks", "here"];

    private static List<IntentExample> Data()
    {
        var data = Rare.Select((t, i) => new IntentExample(t, "other", "en", "test", i)).ToList();
        foreach (var filler in Fillers)
        {
            data.Add(new IntentExample($"refund {filler}", "refund", "en", "test", data.Count));
            data.Add(new IntentExample($"hello {filler}", "other", "en", "test", data.Count));
        }

        return data;
    }

    private static IntentModel Train(string selection) => new IntentTrainer(new IntentTrainerOptions
    {
        HiddenUnits = 0, MaxNgramsPerLength = 5, WordNgrams = 1, NgramSelection = selection, MinimumExamplesPerIntent = 1,
    }).Train(Data(), null, ["test"]);

    [Fact]
    public void TheFrequentSelectionKeepsTheNgramsOfManyRowsWithinTheCap()
    {
        var (first, frequent) = (Train("first"), Train("frequent"));
        int Features(IntentModel model, string text) => FeatureRows.Of(model, [IntentInput.From(text)])[0].Indices.Length;

        // Word unigrams and character 2-, 3- and 4-grams: four bags of at most five.
        Assert.True(frequent.FeatureCount <= 20, $"{frequent.FeatureCount} features");
        Assert.Equal("frequent", frequent.Card.NgramSelection);
        Assert.True(Features(frequent, "refund") > Features(first, "refund"), $"{Features(frequent, "refund")} against {Features(first, "refund")}");
        var probabilities = frequent.Score(IntentInput.From("refund")).Probabilities;
        Assert.Equal("refund", frequent.Card.Labels[Array.IndexOf(probabilities, probabilities.Max())]);
    }

    [Fact]
    public void AnUnknownSelectionIsRefused() =>
        Assert.Throws<ArgumentException>(() => Train("rarest"));
}

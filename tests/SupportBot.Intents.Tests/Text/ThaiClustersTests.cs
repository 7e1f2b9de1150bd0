using SupportBot.Intents;

namespace SupportBot.Tests;

public class ThaiClustersTests
{
    [Theory]
    [InlineData("เช็คยอด", "เช็ ค ย อ ด")] // a leading vowel takes the consonant after it, marks join their consonant
    [InlineData("ค่าบริการ", "ค่า บ ริ กา ร")] // sara aa follows its consonant
    [InlineData("โทรศัพท์", "โท ร ศั พท์")] // the silenced consonant joins the cluster before it
    [InlineData("internet ใช้ไม่ได้ครับ", "internet ใช้ ไม่ ได้ ค รั บ")] // other scripts untouched
    [InlineData("where is my order", "where is my order")]
    [InlineData("", "")]
    public void ThaiRunsAreCutIntoClustersAndOtherTextIsLeftAlone(string text, string expected) =>
        Assert.Equal(expected, ThaiClusters.Split(text));

    [Fact]
    public void TheModelInputCarriesTheClustersOfItsText()
    {
        var input = IntentInput.From("เช็คยอด");
        Assert.Equal("เช็ ค ย อ ด", input.Clusters);
        input.Text = "where";
        Assert.Equal("where", input.Clusters);
    }

    [Fact]
    public void WithTheOptionThaiWordNgramsAreClustersAndOtherTextKeepsItsFeatures()
    {
        var data = TrainingData.Load(TrainedModels.DataFiles).Where((e, i) => e.Language is "en" or "th" && i % 20 == 0).ToList();
        IntentModel Train(bool clusters) => new IntentTrainer(new IntentTrainerOptions { HiddenUnits = 0, ThaiClusters = clusters, MinimumExamplesPerIntent = 1 })
            .Train(data, null, TrainedModels.DataFiles);
        var (plain, clustered) = (Train(false), Train(true));
        Assert.True(clustered.Card.ThaiClusters);
        Assert.Contains("Thai: character clusters", ModelCardMarkdown.Write(clustered.Card));
        int Features(IntentModel model, string text) => FeatureRows.Of(model, [IntentInput.From(text)])[0].Indices.Length;

        // "เช็คยอดค่ะ" is one space-separated word; as clusters it is six, with their pairs.
        Assert.True(Features(clustered, "เช็คยอดค่ะ") > Features(plain, "เช็คยอดค่ะ"));
        Assert.Equal(FeatureRows.Of(plain, [IntentInput.From("where is my order")])[0].Values, FeatureRows.Of(clustered, [IntentInput.From("where is my order")])[0].Values);
    }
}

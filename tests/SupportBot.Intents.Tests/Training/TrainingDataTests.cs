using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class TrainingDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("{\"text\":\"hi\",\"intent\":\"greeting\"}\n{\"text\":\"bye\"\n", 2)]
    [InlineData("{\"text\":\"hi\",\"intent\":\"greeting\"}\n\n[1,2]\n", 3)]
    [InlineData("{\"text\":\"hi\",\"intent\":\"greeting\"}\n{\"text\":\"hello\"}\n", 2)]
    [InlineData("{\"text\":5,\"intent\":\"greeting\"}\n", 1)]
    public void ABadLineStopsLoadingAndNamesTheFileAndLine(string content, int line)
    {
        var path = Write("bad.jsonl", content);

        var error = Assert.Throws<TrainingDataException>(() => TrainingData.Load([path]));

        Assert.StartsWith($"{path}:{line}:", error.Message);
    }

    [Fact]
    public void InterleavedLoadingTakesTheFilesInTurnInOrderOfName()
    {
        string Lines(string lang, int count) =>
            string.Concat(Enumerable.Range(1, count).Select(i => $"{{\"text\":\"{lang} {i}\",\"intent\":\"greeting\",\"lang\":\"{lang}\"}}\n"));
        var th = Write("th.jsonl", Lines("th", 3));
        var ar = Write("ar.jsonl", Lines("ar", 2));
        var en = Write("en.jsonl", Lines("en", 1));

        var examples = TrainingData.LoadInterleaved([th, en, ar]);

        Assert.Equal(["ar 1", "en 1", "th 1", "ar 2", "th 2", "th 3"], examples.Select(e => e.Text));
        Assert.Equal((th, 3), (examples[^1].Source, examples[^1].Line));
    }

    [Fact]
    public void IntentsWithTooFewExamplesAreReportedByName()
    {
        var examples = Enumerable.Range(0, 12).Select(i => new IntentExample($"hi {i}", "greeting", "en", "f", i))
            .Append(new IntentExample("bye", "goodbye", "en", "f", 99)).ToList();

        var error = Assert.Throws<TrainingDataException>(() => new IntentTrainer(new IntentTrainerOptions()).Train(examples, null, []));

        Assert.Contains("goodbye (1)", error.Message);
        Assert.DoesNotContain("greeting", error.Message);
    }

    [Fact]
    public void TheHeldOutSplitKeepsEveryIntentInEveryLanguage()
    {
        var examples = TrainingData.Load(TrainedModels.DataFiles);

        var (train, heldOut) = TrainingData.Split(examples, 5);

        Assert.Equal(examples.Count, train.Count + heldOut.Count);
        Assert.Equal(
            examples.Select(e => (e.Intent, e.Language)).Distinct().Order().ToList(),
            heldOut.Select(e => (e.Intent, e.Language)).Distinct().Order().ToList());
    }
}

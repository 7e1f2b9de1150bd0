using System.Text.Json.Nodes;
using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string EnglishSlice(out string heldOut)
    {
        var english = TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language == "en").ToList();
        var (train, test) = TrainingData.Split(english, 5);
        var trainPath = Path.Combine(_dir, "train.jsonl");
        heldOut = Path.Combine(_dir, "test.jsonl");
        File.WriteAllLines(trainPath, train.Select(Line));
        File.WriteAllLines(heldOut, test.Select(Line));
        return trainPath;
    }

    /// <summary>A quick linear model (SDCA, no hidden layers) of the English slice, in the test's folder; and the held-out file.</summary>
    private async Task<(string Model, string HeldOut)> TrainLinearAsync(string name)
    {
        var train = EnglishSlice(out var heldOut);
        var model = Path.Combine(_dir, name);
        var trained = await CliRunner.RunAsync("train", "--data", train, "--out", model, "--trainer", "sdca", "--hidden-units", "0");
        Assert.True(trained.ExitCode == 0, trained.Error);
        return (model, heldOut);
    }

    private static string Line(IntentExample e) =>
        new JsonObject { ["text"] = e.Text, ["intent"] = e.Intent, ["lang"] = e.Language }.ToJsonString();

    [Fact]
    public async Task TrainThenEvaluateGivesTheFiguresAsJsonAndPredictAnswers()
    {
        var train = EnglishSlice(out var test);
        var model = Path.Combine(_dir, "model.zip");

        var trained = await CliRunner.RunAsync("train", "--data", train, "--out", model, "--trainer", "sdca");
        var evaluated = await CliRunner.RunAsync("evaluate", "--model", model, "--data", test, "--json");
        var predicted = await CliRunner.RunAsync("predict", "--model", model, "I was charged twice for my order");

        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Contains("validation", trained.Output);
        Assert.True(File.Exists(Path.Combine(_dir, "model.card.md")));
        var report = JsonNode.Parse(evaluated.Output)!;
        foreach (var figure in new[] { "accuracy", "macroF1", "inScopeAccuracy", "outOfScopeRecall" })
        {
            Assert.InRange(report[figure]!.GetValue<double>(), 1, 100);
        }

        Assert.Equal(28, report["perIntent"]!.AsArray().Count);
        Assert.Matches(@"^payment_failed (0\.\d{3}|1\.000).*lang=en  top: payment_failed", predicted.Output);
    }

    [Fact]
    public async Task EvaluateRecordsTheFrozenSetsFiguresInTheModelsCardOncePerNameAndLeavesTheModelAlone()
    {
        var (model, test) = await TrainLinearAsync("model.zip");
        var before = IntentModel.Load(model);

        var first = await CliRunner.RunAsync("evaluate", "--model", model, "--data", test, "--record", "held-out");
        var half = Path.Combine(_dir, "half.jsonl");
        File.WriteAllLines(half, File.ReadLines(test).Where((_, i) => i % 2 == 0));
        var again = await CliRunner.RunAsync("evaluate", "--model", model, "--data", half, "--record", "held-out", "--json");
        var blank = await CliRunner.RunAsync("evaluate", "--model", model, "--data", test, "--record", " ");

        Assert.True(first.ExitCode == 0 && again.ExitCode == 0, first.Error + again.Error);
        var recorded = Assert.Single(IntentModel.Load(model).Card.Evaluations); // the second replaced the first
        var report = JsonNode.Parse(again.Output)!;
        Assert.Equal("held-out", recorded.Name);
        Assert.Equal([half], recorded.Files);
        Assert.Equal(report["examples"]!.GetValue<int>(), recorded.Report.Examples);
        Assert.Equal(report["accuracy"]!.GetValue<double>(), recorded.Report.Accuracy);
        Assert.Equal(28, recorded.Report.PerIntent.Count);
        var card = File.ReadAllText(Path.Combine(_dir, "model.card.md"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(card, $@"## held-out, evaluated {DateTime.UtcNow:yyyy-MM-dd} \d\d:\d\d UTC"));
        Assert.Contains($"{recorded.Report.Examples} examples from `{half}`", card);
        Assert.Contains("| payment_failed |", card[card.IndexOf("## held-out", StringComparison.Ordinal)..]);
        Assert.Single(JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "model.card.json")))!["evaluations"]!.AsArray());

        // The model answers as it did; a blank name is refused and records nothing.
        var after = IntentModel.Load(model);
        foreach (var text in new[] { "I was charged twice for my order", "where is my parcel", "hello" })
        {
            var (was, now) = (before.Classify(text), after.Classify(text));
            Assert.Equal((was.Intent, was.Confidence, was.ModelVersion), (now.Intent, now.Confidence, now.ModelVersion));
            Assert.Equal(was.Top, now.Top);
        }

        Assert.Equal(2, blank.ExitCode);
        Assert.Contains("--record needs a name", blank.Error);
        Assert.Single(IntentModel.Load(model).Card.Evaluations);
    }

    [Fact]
    public async Task EvaluateRecordsInTheRegistrysCopyOfTheServingModelSoARollbackAndPromoteBackKeepsTheFigures()
    {
        var (candidate, test) = await TrainLinearAsync("candidate.zip");
        var (registry, serving) = (Path.Combine(_dir, "registry"), Path.Combine(_dir, "serving.zip"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "models", "intent-model.zip"), serving);
        var shipped = IntentModel.Load(serving).Card.Version;
        var promoted = await CliRunner.RunAsync("promote", "--candidate", candidate, "--registry", registry, "--serving", serving, "--accept-intent-changes");
        Assert.True(promoted.ExitCode == 0, promoted.Error);
        var version = IntentModel.Load(serving).Card.Version;

        var recorded = await CliRunner.RunAsync("evaluate", "--model", serving, "--data", test, "--record", "held-out", "--registry", registry);
        var back = await CliRunner.RunAsync("rollback", "--registry", registry, "--serving", serving);
        var forward = await CliRunner.RunAsync("promote", "--candidate", Path.Combine(registry, version, "model.zip"), "--registry", registry, "--serving", serving);

        Assert.True(recorded.ExitCode == 0 && back.ExitCode == 0 && forward.ExitCode == 0, recorded.Error + back.Error + forward.Error);
        Assert.Equal(version, IntentModel.Load(serving).Card.Version);
        Assert.Equal("held-out", Assert.Single(IntentModel.Load(serving).Card.Evaluations).Name);
        Assert.DoesNotContain(IntentModel.Load(Path.Combine(registry, shipped, "model.zip")).Card.Evaluations, e => e.Name == "held-out");
        Assert.Contains("registry's copy", recorded.Error);
    }

    [Fact]
    public async Task TrainGivesTheSameModelWhateverOrderTheLanguageFilesAreGivenIn()
    {
        // A slice of two languages, each in a file named after it, as models/data holds them.
        var files = new[] { "ru", "en" }.Select(lang =>
        {
            var path = Path.Combine(_dir, $"{lang}.jsonl");
            var slice = TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language == lang).Where((_, i) => i % 4 == 0);
            File.WriteAllLines(path, slice.Select(Line));
            return path;
        }).ToArray();

        async Task<JsonObject> CardOf(string name, string[] data)
        {
            var model = Path.Combine(_dir, $"{name}.zip");
            var trained = await CliRunner.RunAsync(["train", "--data", .. data, "--out", model, "--hidden-units", "0"]);
            Assert.True(trained.ExitCode == 0, trained.Error);
            var card = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, $"{name}.card.json")))!.AsObject();
            foreach (var when in new[] { "version", "createdAt", "trainingSeconds" })
            {
                card.Remove(when);
            }

            return card;
        }

        var ruFirst = await CardOf("ru-first", files);
        var enFirst = await CardOf("en-first", [.. files.Reverse()]);

        Assert.Equal(enFirst.ToJsonString(), ruFirst.ToJsonString());
        Assert.Equal(["en.jsonl", "ru.jsonl"], ruFirst["dataFiles"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task ATrainingFileWithABadLineStopsNamingTheFileAndLine()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        await File.WriteAllTextAsync(path, "{\"text\":\"hi\",\"intent\":\"greeting\"}\n{oops\n");

        var result = await CliRunner.RunAsync("train", "--data", path, "--out", Path.Combine(_dir, "m.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}:2:", result.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "m.zip")));
    }

    [Fact]
    public async Task IntentsWithTooFewExamplesAreReported()
    {
        var path = Path.Combine(_dir, "few.jsonl");
        var lines = Enumerable.Range(0, 12).Select(i => $"{{\"text\":\"hello number {i}\",\"intent\":\"greeting\"}}")
            .Append("{\"text\":\"bye\",\"intent\":\"goodbye\"}");
        await File.WriteAllLinesAsync(path, lines);

        var result = await CliRunner.RunAsync("train", "--data", path, "--out", Path.Combine(_dir, "m.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("goodbye (1)", result.Error);
    }

    [Theory]
    [InlineData("fly")]
    [InlineData("train", "--out", "x.zip")]
    [InlineData("evaluate", "--data")]
    public async Task WrongUsageExitsWith2AndShowsHowToUseIt(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Error);
    }

    [Fact]
    public async Task ACorruptModelIsAClearErrorNotACrash()
    {
        var path = Path.Combine(_dir, "broken.zip");
        await File.WriteAllTextAsync(path, "nope");

        var result = await CliRunner.RunAsync("predict", "--model", path, "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error);
    }
}

using System.Text.Json.Nodes;
using SupportBot.Intents;

namespace SupportBot.Tests;

/// <summary>The retraining commands' refusals: each bad input named, nothing half-written.</summary>
public sealed class RetrainingCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-retraining-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task DatasetBuildMergesDropsDuplicatesAndSetsConflictsAside()
    {
        var shipped = Write("base.jsonl",
            """{"text":"where is my order","intent":"order_status","lang":"en"}""",
            """{"text":"I want a refund","intent":"refund_status","lang":"en"}""");
        var export = Write("export.jsonl",
            """{"text":"Where is my order?","label":"order_status","labelSource":"choice","lang":"en"}""",
            """{"text":"zorblax cover","label":"order_status","labelSource":"agent","lang":"en"}""",
            """{"text":"I want a refund","label":"order_status","labelSource":"agent","lang":"en"}""",
            """{"text":"hello there","label":null}""");
        var output = Path.Combine(_dir, "merged.jsonl");

        var result = await CliRunner.RunAsync("dataset", "build", "--base", shipped, "--transcripts", export, "--out", output, "--conflicts", Path.Combine(_dir, "conflicts.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("1 new from transcripts, 1 duplicate(s) dropped, 1 unlabelled", result.Output);
        Assert.Contains("\"I want a refund\": refund_status", result.Output);
        var merged = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(3, merged.Count);
        Assert.Equal("refund_status", merged.Single(m => m["text"]!.GetValue<string>() == "I want a refund")["intent"]!.GetValue<string>());
        Assert.Single(File.ReadAllLines(Path.Combine(_dir, "conflicts.jsonl")));
    }

    [Theory]
    [InlineData("{not json", "export.jsonl:2: not valid JSON")]
    [InlineData("""{"text":"","label":"order_status"}""", "export.jsonl:2: \"text\" is empty")]
    [InlineData("""{"text":"bell\u0007","label":"order_status"}""", "control characters")]
    [InlineData("""["an","array"]""", "export.jsonl:2: expected an object")]
    [InlineData("""{"text":"hello","label":"buy_a_yacht"}""", "export.jsonl:2: \"buy_a_yacht\"")]
    public async Task ABadTranscriptLineIsNamedAndNothingIsWritten(string badLine, string expected)
    {
        var shipped = Write("base.jsonl", """{"text":"where is my order","intent":"order_status","lang":"en"}""");
        var export = Write("export.jsonl", """{"text":"where's my parcel","label":"order_status"}""", badLine);
        var output = Path.Combine(_dir, "merged.jsonl");

        var result = await CliRunner.RunAsync("dataset", "build", "--base", shipped, "--transcripts", export, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task CompareRefusesModelsThatKnowDifferentIntents()
    {
        var all = TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language == "en").ToList();
        var fewer = all.Where(e => e.Intent != "warranty").ToList();
        var current = await TrainAsync("current", all);
        var candidate = await TrainAsync("candidate", fewer);

        var result = await CliRunner.RunAsync("compare", "--candidate", candidate, "--current", current);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("only the current one knows: warranty", result.Error);
    }

    [Fact]
    public async Task CompareWithholdsPromotionWhenAnIntentReallyRegresses()
    {
        // Three in four return_request examples mislabelled refund_status: the candidate stops recognising returns.
        var seen = 0;
        var poisoned = TrainingData.Load(TrainedModels.DataFiles)
            .Select(e => e.Intent == "return_request" && seen++ % 4 != 0 ? e with { Intent = "refund_status" } : e);
        var candidate = await TrainAsync("candidate", poisoned);

        var result = await CliRunner.RunAsync("compare", "--candidate", candidate, "--current", ShippedModel, "--json");

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Error}");
        var json = JsonNode.Parse(result.Output)!;
        Assert.False(json["recommended"]!.GetValue<bool>());
        var returns = json["perIntent"]!.AsArray().Single(i => i!["intent"]!.GetValue<string>() == "return_request")!;
        Assert.True(returns["regressed"]!.GetValue<bool>(), returns.ToJsonString());
        // On frozen-v2 (about 300 examples an intent) a few examples also move the other way; losses still dwarf them.
        Assert.True(returns["worse"]!.GetValue<int>() > 5 * returns["better"]!.GetValue<int>(), returns.ToJsonString());
        Assert.True(returns["pValue"]!.GetValue<double>() < 0.001, returns.ToJsonString());
    }

    [Fact]
    public async Task PromoteAndRollbackKeepVersionsAndRefuseWhatTheyCannotDo()
    {
        var registry = Path.Combine(_dir, "registry");
        var serving = Path.Combine(_dir, "serving.zip");
        File.Copy(ShippedModel, serving);
        var notAModel = Write("not-a-model.zip", "hello");

        var nothingToRollBack = await CliRunner.RunAsync("rollback", "--registry", registry, "--serving", serving);
        var garbage = await CliRunner.RunAsync("promote", "--candidate", notAModel, "--registry", registry, "--serving", serving);
        var again = await CliRunner.RunAsync("promote", "--candidate", serving, "--registry", registry, "--serving", serving);

        Assert.Equal(1, nothingToRollBack.ExitCode);
        Assert.Contains("no earlier version", nothingToRollBack.Error);
        Assert.Equal(1, garbage.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already the serving model", again.Error);
        Assert.Equal(File.ReadAllBytes(ShippedModel), File.ReadAllBytes(serving));
    }

    [Fact]
    public async Task AnExportWithABadDateOrUnreachableRedisSaysSo()
    {
        var badDate = await CliRunner.RunAsync("transcripts", "export", "--since", "last tuesday", "--out", Path.Combine(_dir, "x.jsonl"), "--redis", "127.0.0.1:1");
        var noRedis = await CliRunner.RunAsync("transcripts", "export", "--since", "2026-11-01", "--out", Path.Combine(_dir, "x.jsonl"), "--redis", "127.0.0.1:1");

        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("--since is a date", badDate.Error);
        Assert.Equal(1, noRedis.ExitCode);
        Assert.Contains("not reachable", noRedis.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "x.jsonl")));
    }

    private static string ShippedModel => Path.Combine(RepositoryPaths.Root, "models", "intent-model.zip");

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private async Task<string> TrainAsync(string name, IEnumerable<IntentExample> examples)
    {
        var data = Write($"{name}.jsonl", [.. examples.Select(e => new JsonObject { ["text"] = e.Text, ["intent"] = e.Intent, ["lang"] = e.Language }.ToJsonString())]);
        var model = Path.Combine(_dir, $"{name}.zip");
        var trained = await CliRunner.RunAsync("train", "--data", data, "--out", model, "--trainer", "sdca");
        Assert.True(trained.ExitCode == 0, trained.Error);
        return model;
    }
}

namespace SupportBot.Tests.Commands;

/// <summary>What a maintainer sees asking for help or getting a command wrong, run as the built CLI.</summary>
public sealed class HelpAndUsageTests
{
    private static readonly string[] Verbs = ["train", "evaluate", "predict", "transcripts", "dataset", "compare", "promote", "rollback", "models", "agents"];

    [Theory]
    [InlineData("train", "train", "--help")]
    [InlineData("train", "train", "-h")]
    [InlineData("agents add", "agents", "add", "--help")]
    [InlineData("agents hash-password", "agents", "hash-password", "-h")]
    [InlineData("transcripts export", "transcripts", "export", "--help")]
    [InlineData("train", "help", "train")]
    [InlineData("agents add", "help", "agents", "add")]
    public async Task HelpShowsTheCommandsOwnUsageAndExitsZero(string command, params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains($"supportbot {command} [options]", result.Output);
        Assert.Empty(result.Error);
        OnlyUsageOf(command, result.Output);
    }

    [Fact]
    public async Task HelpAloneListsEveryVerb()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.All(Verbs, verb => Assert.Matches($@"\n  {verb}\b", result.Output));
    }

    [Theory]
    [InlineData("", "fly")]
    [InlineData("train", "train", "--out", "x.zip")]
    [InlineData("train", "train", "--data", "a.jsonl", "--out", "x.zip", "--bogus")]
    [InlineData("train", "train", "--data", "a.jsonl", "--out", "x.zip", "--seed", "many")]
    [InlineData("evaluate", "evaluate", "--data")]
    [InlineData("compare", "compare", "--candidate", "a.zip", "--current", "b.zip", "--alpha", "2")]
    [InlineData("agents", "agents")]
    [InlineData("agents add", "agents", "add", "--redis", "127.0.0.1:1")]
    [InlineData("agents hash-password", "agents", "hash-password")]
    [InlineData("dataset build", "dataset", "build", "--out", "x.jsonl")]
    [InlineData("help", "help", "fly")]
    public async Task WrongUsageExitsWith2WithTheErrorAndOnlyThatCommandsUsage(string command, params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Output}{result.Error}");
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains($"supportbot {command}{(command.Length > 0 ? " " : "")}[", result.Error);
        Assert.Single(result.Error.Split("Usage:")[1..]);
        Assert.Empty(result.Output);
        if (command.Length > 0)
        {
            OnlyUsageOf(command, result.Error);
        }
    }

    [Fact]
    public async Task HashPasswordReadsThePasswordFromStandardInput()
    {
        var hashed = await CliRunner.RunWithInputAsync("correct horse battery", "agents", "hash-password");
        var tooShort = await CliRunner.RunWithInputAsync("short", "agents", "hash-password");

        Assert.True(hashed.ExitCode == 0, hashed.Error);
        Assert.Matches(@"^pbkdf2-sha256\$\d+\$\S+\$\S+\n$", hashed.Output);
        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("at least 8 characters", tooShort.Error);
    }

    // No other verb's usage line or listing: the text is about `command` alone.
    private static void OnlyUsageOf(string command, string text)
    {
        foreach (var other in Verbs.Where(v => v != command.Split(' ')[0]))
        {
            Assert.DoesNotContain($"supportbot {other}", text);
            Assert.DoesNotMatch($@"\n  {other}\b", text);
        }
    }
}

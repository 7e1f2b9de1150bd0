namespace SupportBot.Tests.Commands;

public sealed class PredictCommandTests
{
    private static string ShippedModel => Path.Combine(RepositoryPaths.Root, "models", "intent-model.zip");

    [Fact]
    public async Task PredictClassifiesEachArgumentOnItsOwnAndEchoesItsText()
    {
        var result = await CliRunner.RunAsync("predict", "--model", ShippedModel, "where is my order", "I was charged twice for my order");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^order_status .*top: .*where is my order$", lines[0]);
        Assert.Matches("^payment_failed .*top: .*I was charged twice for my order$", lines[1]);
    }

    [Fact]
    public async Task PredictReadsOneTextALineFromStandardInputAndEchoesEach()
    {
        var result = await CliRunner.RunWithInputAsync("where is my order\nI was charged twice for my order", "predict", "--model", ShippedModel);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Collection(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            first => Assert.EndsWith("where is my order", first),
            second => Assert.StartsWith("payment_failed ", second));
    }
}

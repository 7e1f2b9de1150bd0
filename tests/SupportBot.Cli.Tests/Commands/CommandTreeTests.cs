using System.CommandLine;
using SupportBot.Cli.Commands;

namespace SupportBot.Tests.Commands;

/// <summary>Every command in the tree, found by walking it (so verbs added later are covered), answers for itself.</summary>
public sealed class CommandTreeTests
{
    public static TheoryData<string> Paths()
    {
        var paths = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            paths.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
            }
        }

        Walk(SupportBotCli.Build(TextReader.Null), "");
        return paths;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryCommandAnswersHelpAndDashHWithItsOwnUsageAndExitZero(string path)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (exit, output, error) = Run([.. Words(path), flag]);

            Assert.True(exit == 0, $"`{path} {flag}` exited {exit}: {error}");
            Assert.Empty(error);
            Assert.Contains("Usage:", output);
            Assert.Matches($@"Usage:\n\s+\S+{(path.Length == 0 ? "" : " " + path)}( <[^>]+>)* \[", output); // <user-id> of customers forget
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void HelpBeforeACommandShowsWhatItsHelpOptionShows(string path)
    {
        var asked = Run(["help", .. Words(path)]);
        var option = Run([.. Words(path), "--help"]);

        Assert.Equal(0, asked.Exit);
        Assert.Equal(option.Output, asked.Output);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AnUnknownOptionIsWrongUsageShowingThatCommandsUsage(string path)
    {
        var (exit, output, error) = Run([.. Words(path), "--no-such-option"]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error);
        Assert.Contains("--no-such-option", error);
        Assert.Equal(Run([.. Words(path), "--help"]).Output, error[(error.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]);
    }

    private static string[] Words(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static (int Exit, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = SupportBotCli.Run(args, TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

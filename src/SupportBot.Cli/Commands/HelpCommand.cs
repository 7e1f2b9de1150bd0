using System.CommandLine;

namespace SupportBot.Cli.Commands;

/// <summary><c>help [command...]</c>: the same usage as <c>command --help</c>, for those who type it the other way round.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var words = new Argument<string[]>("command")
        {
            Description = "The command (and sub-command) to explain, e.g. `train` or `agents add`.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("help", "Shows a command's usage: `help train`, `help agents add`.") { words };
        command.SetAction(parse =>
        {
            var asked = parse.GetValue(words) ?? [];
            var target = SupportBotCli.Parse(root, asked);
            if (target.UnmatchedTokens.Count > 0)
            {
                throw new UsageException($"There is no command '{string.Join(' ', asked)}'; `supportbot --help` lists them.");
            }

            return SupportBotCli.ShowHelp(target.CommandResult.Command, parse.InvocationConfiguration.Output);
        });
        return command;
    }
}

using System.CommandLine;
using System.CommandLine.Help;

namespace SupportBot.Bench;

/// <summary>
/// The benchmarks' command tree. Exit codes: 0 the run finished (its figures say how well), 1 the server could not be
/// reached or set up or a report could not be read, 2 wrong usage (the errors, then that command's usage, on stderr).
/// </summary>
internal static class BenchCommandLine
{
    public const int WrongUsage = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("""
            SupportBot's benchmarks: load against a running server, and tables of the reports they write.
            bench/README.md says which script runs which, and how to read them.
            """)
        {
            DirectLineCommand.DirectLine(),
            HandoffCommand.Create(),
            CompareCommand.Create(),
            PairsCommand.Create(),
            RunColumns.Create(),
            FailoverCommand.Create(),
            InsightsLoad.Create(),
            DirectLineCommand.Idle(),
        };
        root.SetAction(parse =>
        {
            parse.InvocationConfiguration.Error.WriteLine("Name a benchmark.\n");
            Usage(root, parse.InvocationConfiguration.Error);
            return WrongUsage;
        });
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine();
            Usage(parse.CommandResult.Command, error);
            return WrongUsage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Writes the usage of <paramref name="command"/> (the root or one of its commands), as its <c>--help</c> would.</summary>
    private static void Usage(Command command, TextWriter writer)
    {
        var root = command.Parents.OfType<RootCommand>().FirstOrDefault() ?? command;
        root.Parse(ReferenceEquals(root, command) ? ["--help"] : [command.Name, "--help"]).Invoke(new InvocationConfiguration { Output = writer });
    }
}

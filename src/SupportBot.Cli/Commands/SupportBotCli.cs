using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using SupportBot.Intents;

namespace SupportBot.Cli.Commands;

/// <summary>
/// The maintainer CLI: its command tree and how outcomes become exit codes. 0 done; 1 the data, a file, a model or
/// Redis let the command down; 2 wrong usage (the error and that verb's usage on standard error); 3 compare's "not
/// recommended".
/// </summary>
internal static class SupportBotCli
{
    public const int Failed = 1;
    public const int WrongUsage = 2;

    // A predict text may start with '@' ("@team where is my order"): it is a text, not a response file to read.
    private static readonly ParserConfiguration Parser = new() { ResponseFileTokenReplacer = null };

    public static RootCommand Build(TextReader input)
    {
        var root = new RootCommand("""
            SupportBot's maintainer commands: train, evaluate and try the intent model; export transcripts, build a
            dataset, compare, promote and roll back models; manage agent accounts. `help <command>` or
            `<command> --help` shows a command's options.
            Training files are JSONL: {"text": "...", "intent": "...", "lang": "en"}; intent out_of_scope marks what
            the bot should not handle.
            """)
        {
            TrainCommand.Create(),
            EvaluateCommand.Create(),
            PredictCommand.Create(input),
            TranscriptsCommand.Create(),
            DatasetCommand.Create(),
            CompareCommand.Create(),
            RegistryCommand.Promote(),
            RegistryCommand.Rollback(),
            RegistryCommand.Models(),
            AgentsCommand.Create(input),
            CustomersCommand.Create(),
            InsightsCommand.Create(),
        };
        root.Add(HelpCommand.Create(root));
        root.SetAction(parse => ShowHelp(parse.RootCommandResult.Command, parse.InvocationConfiguration.Output));
        return root;
    }

    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error) =>
        Run(Build(input).Parse(args, Parser), output, error);

    /// <summary>Parses <paramref name="args"/> as the words after <c>supportbot</c> on <paramref name="root"/>.</summary>
    public static ParseResult Parse(Command root, IReadOnlyList<string> args) => root.Parse(args, Parser);

    /// <summary>Writes <paramref name="command"/>'s usage, as its <c>--help</c> would, to <paramref name="writer"/>.</summary>
    public static int ShowHelp(Command command, TextWriter writer)
    {
        var path = new List<string> { "--help" };
        var root = command;
        while (root.Parents.OfType<Command>().FirstOrDefault() is { } parent)
        {
            path.Insert(0, root.Name);
            root = parent;
        }

        return root.Parse(path, Parser).Invoke(new InvocationConfiguration { Output = writer });
    }

    private static int Run(ParseResult parse, TextWriter output, TextWriter error)
    {
        // --help wins over a missing required option: `train --help` shows train's usage.
        var errors = parse.Errors.Select(e => e.Message).Concat(StrayOptions(parse)).ToList();
        if (errors.Count > 0 && parse.Action is not HelpAction)
        {
            return Refuse(parse.CommandResult.Command, errors, error);
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            return Refuse(parse.CommandResult.Command, [ex.Message], error);
        }
        catch (Exception ex) when (ex is TrainingDataException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: {ex.Message}");
            return Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
            return Failed;
        }
    }

    // A command with a free-text argument (predict) would take `--mdoel` as a text: a word that looks like an option
    // and came before `--` is an unknown option, so a typo is not classified (or ignored) in silence.
    private static IEnumerable<string> StrayOptions(ParseResult parse)
    {
        var doubleDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var beforeDoubleDash = doubleDash < 0 ? parse.Tokens : parse.Tokens.Take(doubleDash);
        return parse.CommandResult.Command.Arguments
            .SelectMany(argument => parse.GetResult(argument)?.Tokens ?? [])
            .Where(token => beforeDoubleDash.Any(t => ReferenceEquals(t, token)) && LooksLikeOption(token.Value))
            .Select(token => $"Unrecognized option '{token.Value}' (a text that starts with '-' goes after `--`).");
    }

    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && (char.IsAsciiLetter(word[1]) || (word.Length > 2 && word[1] == '-' && char.IsAsciiLetter(word[2])));

    private static int Refuse(Command command, IEnumerable<string> errors, TextWriter error)
    {
        foreach (var message in errors)
        {
            error.WriteLine($"error: {message}");
        }

        error.WriteLine();
        ShowHelp(command, error);
        return WrongUsage;
    }
}

/// <summary>Wrong usage a command finds only when it runs (no password on standard input, say): exit 2 with its usage.</summary>
internal sealed class UsageException(string message) : Exception(message);

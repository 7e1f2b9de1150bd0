using SupportBot.Cli;
using SupportBot.Intents;

// Maintainer commands: train, evaluate and try the intent model; export transcripts, build a dataset, compare,
// promote and roll back models; manage agent accounts.
try
{
    return args switch
    {
        ["train", .. var rest] => TrainCommand.Run(rest),
        ["evaluate", .. var rest] => EvaluateCommand.Run(rest),
        ["predict", .. var rest] => PredictCommand.Run(rest),
        ["agents", .. var rest] => AgentsCommand.Run(rest, Console.In, Console.Out),
        ["transcripts", .. var rest] => TranscriptsCommand.Run(rest),
        ["dataset", .. var rest] => DatasetCommand.Run(rest),
        ["compare", .. var rest] => CompareCommand.Run(rest),
        ["promote", .. var rest] => RegistryCommand.Promote(rest),
        ["rollback", .. var rest] => RegistryCommand.Rollback(rest),
        ["models", .. var rest] => RegistryCommand.List(rest),
        ["help" or "--help" or "-h"] or [] => Usage.Print(Console.Out, 0),
        [var verb, ..] => throw new UsageException($"Unknown command '{verb}'."),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return Usage.Print(Console.Error, 2);
}
catch (Exception ex) when (ex is TrainingDataException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
    return 1;
}

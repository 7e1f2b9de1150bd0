using System.CommandLine;
using SupportBot.Intents;
using SupportBot.Retraining;

namespace SupportBot.Cli.Commands;

/// <summary>
/// <c>promote</c>, <c>rollback</c> and <c>models</c>: the versioned registry under models/registry and the serving
/// model file every server watches (it swaps a changed file in within a second, without a restart).
/// </summary>
internal static class RegistryCommand
{
    public static Command Promote()
    {
        var candidate = CliOptions.Text("--candidate", "The model to serve.", "model.zip", required: true);
        var acceptIntentChanges = CliOptions.Flag("--accept-intent-changes", "Promote a model that knows different intents (new intents need dialogs).");
        var (registry, serving) = Locations();
        var command = new Command("promote", "Keeps the candidate in the registry and makes it the serving model.")
        {
            candidate, acceptIntentChanges, registry, serving,
        };
        command.SetAction(parse =>
        {
            var servingPath = parse.GetRequiredValue(serving);
            var candidatePath = parse.GetRequiredValue(candidate);
            var model = IntentModel.Load(candidatePath);
            var store = Open(parse, registry, serving);
            if (!parse.GetValue(acceptIntentChanges))
            {
                var (onlyCurrent, onlyCandidate) = store.IntentChanges(model);
                if (onlyCurrent.Count > 0 || onlyCandidate.Count > 0)
                {
                    Console.Error.WriteLine($"error: the candidate knows different intents from the serving model (missing: {string.Join(", ", onlyCurrent)}; new: {string.Join(", ", onlyCandidate)}). " +
                        "Add --accept-intent-changes if that is intended (new intents need dialogs).");
                    return SupportBotCli.Failed;
                }
            }

            var entry = store.Promote(candidatePath, DateTimeOffset.UtcNow);
            Console.WriteLine($"promoted {entry.Version} → {servingPath} (kept in {store.PathOf(entry.Version)}); servers watching the file switch within seconds");
            return 0;
        });
        return command;
    }

    public static Command Rollback()
    {
        var (registry, serving) = Locations();
        var command = new Command("rollback", "Serves the version promoted before the current one again.") { registry, serving };
        command.SetAction(parse =>
        {
            var entry = Open(parse, registry, serving).Rollback();
            Console.WriteLine($"rolled back to {entry.Version} → {parse.GetRequiredValue(serving)}");
            return 0;
        });
        return command;
    }

    public static Command Models()
    {
        var (registry, serving) = Locations();
        var command = new Command("models", "The registry's versions, * = serving.") { registry, serving };
        command.SetAction(parse =>
        {
            var index = Open(parse, registry, serving).Read();
            if (index.Versions.Count == 0)
            {
                Console.WriteLine("the registry is empty: `promote --candidate <model.zip>` starts it (registering the serving model first)");
                return 0;
            }

            foreach (var version in index.Versions.OrderBy(v => v.PromotedAt))
            {
                Console.WriteLine($"{(version.Version == index.Current ? "*" : " ")} {version.Version}  promoted {version.PromotedAt:u}  " +
                    $"validation accuracy {version.ValidationAccuracy:0.0}%  {version.Intents} intents  data {version.DataHash[..Math.Min(12, version.DataHash.Length)]}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>--registry: the registry folder (models/registry unless given).</summary>
    public static Option<string> RegistryOption(string description = "The registry folder.") =>
        CliOptions.Text("--registry", description, "folder", Path.Combine("models", "registry"));

    private static (Option<string> Registry, Option<string> Serving) Locations() =>
        (RegistryOption(),
         CliOptions.Text("--serving", "The model file the servers load.", "model.zip", Path.Combine("models", "intent-model.zip")));

    private static ModelRegistry Open(ParseResult parse, Option<string> registry, Option<string> serving) =>
        new(parse.GetRequiredValue(registry), parse.GetRequiredValue(serving));
}

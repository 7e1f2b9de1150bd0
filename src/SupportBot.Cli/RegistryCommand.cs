using SupportBot.Intents;

namespace SupportBot.Cli;

/// <summary>
/// <c>promote</c>, <c>rollback</c> and <c>models</c>: the versioned registry under models/registry and the serving
/// model file every server watches (it swaps a changed file in within a second, without a restart).
/// </summary>
internal static class RegistryCommand
{
    public static int Promote(string[] args)
    {
        var a = Arguments.Parse(args, new HashSet<string> { "accept-intent-changes" });
        var registry = Open(a);
        var candidatePath = a.Required("candidate");
        var candidate = IntentModel.Load(candidatePath);
        var serving = ServingPath(a);
        if (File.Exists(serving) && !a.Flag("accept-intent-changes"))
        {
            var (onlyCurrent, onlyCandidate) = ModelComparison.LabelDifference(IntentModel.Load(serving).Card, candidate.Card);
            if (onlyCurrent.Count > 0 || onlyCandidate.Count > 0)
            {
                Console.Error.WriteLine($"error: the candidate knows different intents from the serving model (missing: {string.Join(", ", onlyCurrent)}; new: {string.Join(", ", onlyCandidate)}). " +
                    "Add --accept-intent-changes if that is intended (new intents need dialogs).");
                return 1;
            }
        }

        var entry = registry.Promote(candidatePath, DateTimeOffset.UtcNow);
        Console.WriteLine($"promoted {entry.Version} → {serving} (kept in {registry.PathOf(entry.Version)}); servers watching the file switch within seconds");
        return 0;
    }

    public static int Rollback(string[] args)
    {
        var a = Arguments.Parse(args, new HashSet<string>());
        var entry = Open(a).Rollback();
        Console.WriteLine($"rolled back to {entry.Version} → {ServingPath(a)}");
        return 0;
    }

    public static int List(string[] args)
    {
        var a = Arguments.Parse(args, new HashSet<string>());
        var index = Open(a).Read();
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
    }

    private static ModelRegistry Open(Arguments a) =>
        new(a.Optional("registry") ?? Path.Combine("models", "registry"), ServingPath(a));

    private static string ServingPath(Arguments a) => a.Optional("serving") ?? Path.Combine("models", "intent-model.zip");
}

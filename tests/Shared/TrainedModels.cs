#if INTENT_TESTS
using SupportBot.Intents;

namespace SupportBot.Tests;

/// <summary>
/// One model trained once per test run on the shipped training data minus a held-out slice (every 5th example
/// per intent and language), for tests that need a real model without training their own.
/// </summary>
public static class TrainedModels
{
    private static readonly Lazy<(IntentModel Model, List<IntentExample> HeldOut)> Shipped = new(() =>
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models", "data"), "*.jsonl").Order(StringComparer.Ordinal).ToList();
        var (train, heldOut) = TrainingData.Split(TrainingData.Load(files), 5);
        var model = new IntentTrainer(new IntentTrainerOptions()).Train(train, null, files);
        return (model, heldOut);
    });

    public static IntentModel Model => Shipped.Value.Model;

    public static IReadOnlyList<IntentExample> HeldOut => Shipped.Value.HeldOut;

    public static IReadOnlyList<string> DataFiles =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models", "data"), "*.jsonl").Order(StringComparer.Ordinal).ToList();
}
#endif

using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>What a cross-validation run was asked for on the command line, its defaults applied.</summary>
internal sealed record IntentBenchSettings(
    List<BenchDataset> Datasets, string? DataDir, IntentTrainerOptions Options, bool Json, string? Predictions, bool OosStudy);

using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>
/// One public data set in /work/shared/benchmarks (or --data-dir) and the protocol it is reported under. Official
/// test splits are held back, so every figure comes from validation data or cross-validation of the training file.
/// </summary>
internal sealed record BenchDataset(string Name, string Language, BenchProtocol Protocol, bool WithWhitespaceBaseline = false, string? Folder = null, bool OnRequest = false)
{
    public const int Folds = 5;

    public static readonly IReadOnlyList<BenchDataset> All =
    [
        new("clinc150", "en", BenchProtocol.ThresholdOnValidation),
        new("banking77", "en", BenchProtocol.CrossValidation),
        new("bitext", "en", BenchProtocol.CrossValidation),
        new("arbanking77", "ar", BenchProtocol.TrainThenValidation),
        new("truevoice-th", "th", BenchProtocol.CrossValidation, WithWhitespaceBaseline: true),

        // Issue 19 compares Arabic with English on one protocol: ArBanking77's train under BANKING77's 5-fold CV
        // (five fits of 17,000 examples: run only when named).
        new("arbanking77-cv", "ar", BenchProtocol.CrossValidation, Folder: "arbanking77", OnRequest: true),
    ];

    public string Describe() => Protocol switch
    {
        BenchProtocol.ThresholdOnValidation => "train -> val (no out-of-scope training; threshold chosen on this val's in-scope rows)",
        BenchProtocol.TrainThenValidation => "train -> val",
        _ => $"{Folds}-fold CV of train",
    };

    public (List<IntentExample> Training, List<IntentExample>? Validation) Load(string root)
    {
        var folder = Path.Combine(root, Folder ?? Name);
        List<IntentExample> Read(string file) => TrainingData.Load([Path.Combine(folder, file)]);
        return Protocol switch
        {
            // Issue 19's threshold protocol: no out-of-scope example is trained on (oos_train once trained that class
            // and made val's out-of-scope recall, 78%, a poor guide to test's 41%); the budget rule reads only in-scope rows.
            BenchProtocol.ThresholdOnValidation => (Read("train.jsonl"), Read("val.jsonl")),
            BenchProtocol.TrainThenValidation => (Read("train.jsonl"), Read("val.jsonl")),
            _ => (Read("train.jsonl"), null),
        };
    }

    /// <summary>Relative cost, in examples fitted, for the time estimate: the trainer fits 80% then refits all when it holds out its own calibration split.</summary>
    public double Cost(int trainingExamples) => Protocol switch
    {
        BenchProtocol.ThresholdOnValidation => trainingExamples,
        BenchProtocol.TrainThenValidation => trainingExamples * 1.8,
        _ => Folds * trainingExamples * (Folds - 1.0) / Folds * (WithWhitespaceBaseline ? 2.1 : 1.8),
    };
}

internal enum BenchProtocol
{
    /// <summary>Fit on train, choose temperature and out-of-scope threshold on val, report on that same val.</summary>
    ThresholdOnValidation,

    /// <summary>Fit on train (the trainer calibrates on its own hold-out), report on val it never saw.</summary>
    TrainThenValidation,

    /// <summary>Stratified k-fold: fit on k-1 folds (calibrating on its own hold-out), report on the k-th, averaged.</summary>
    CrossValidation,
}

using System.Globalization;

namespace SupportBot.IntentBench;

/// <summary>The run as a table for people: one row per data set and pipeline, then how each row was measured.</summary>
internal static class BenchTable
{
    public static void Write(BenchRun run, TextWriter output)
    {
                var m = run.Machine;
        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"Intent classifier benchmark, {run.DateUtc:yyyy-MM-dd HH:mm} UTC"));
        output.WriteLine(FormattableString.Invariant($"  machine   {m.Cores} cores, {m.Cpu}, {m.Os}, {m.Runtime}"));
        output.WriteLine(FormattableString.Invariant($"  settings  {string.Join(' ', run.Options.Select(kv => $"{kv.Key}={kv.Value}"))}"));
        output.WriteLine();
        output.WriteLine("| data set | lang | pipeline | protocol | accuracy % | macro-F1 % | in-scope % | OOS recall % | train s | model MB | p50 µs | p99 µs |");
        output.WriteLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in run.Results)
        {
            var accuracy = r.AccuracyStdDev is { } sd ? FormattableString.Invariant($"{r.Accuracy:0.00} ±{sd:0.00}") : r.Accuracy.ToString("0.00", CultureInfo.InvariantCulture);
            output.WriteLine(FormattableString.Invariant($"| {r.Dataset} | {r.Language} | {r.Pipeline} | {r.Protocol} | {accuracy} | {r.MacroF1:0.00} | {Optional(r.InScopeAccuracy)} | {Optional(r.OutOfScopeRecall)} | {r.TrainingSeconds:0.0} | {r.ModelMegabytes:0.0} | {r.LatencyP50Micros:0} | {r.LatencyP99Micros:0} |"));
        }

        output.WriteLine();
        foreach (var r in run.Results.Where(r => r.Pipeline == "ours"))
        {
            output.WriteLine(FormattableString.Invariant($"- {r.Dataset}: {Explain(r)}"));
        }

        output.WriteLine("- accuracy: top intent right, whatever its confidence (in-scope rows); ± is the standard deviation over folds.");
        output.WriteLine("- train s: one call of the trainer (for CV, the mean per fold; it fits on 80% to calibrate, then refits on all).");
        output.WriteLine(FormattableString.Invariant($"- latency: one IntentModel.Classify call on one thread after warm-up, {LatencyProbe.Predictions} held-out texts; model MB: the saved zip (for CV, fold 1's)."));
    }

    private static string Optional(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Explain(BenchResult r) => r.Protocol switch
    {
        var p when p.StartsWith("train+oos_train", StringComparison.Ordinal) => FormattableString.Invariant(
            $"trained on {r.TrainingExamples:N0} examples (train + oos_train as the out_of_scope class); temperature and threshold ({r.Threshold:0.###}) were chosen on val and the figures are on that same val ({r.EvaluatedExamples:N0} rows, 100 out of scope), because the official test split is held back. In-scope accuracy counts a row only when its top intent is right and clears the threshold; OOS recall counts out-of-scope rows rejected."),
        var p when p.StartsWith("train ->", StringComparison.Ordinal) => FormattableString.Invariant(
            $"trained on {r.TrainingExamples:N0} examples (calibrated on its own hold-out), scored on {r.EvaluatedExamples:N0} val rows it never saw."),
        _ => FormattableString.Invariant(
            $"stratified {BenchDataset.Folds}-fold CV of {r.TrainingExamples:N0} examples, seeded; each fold's model never saw its test fold."),
    };
}

using System.Diagnostics;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>Runs one data set's protocol with the project's trainer (and, where asked, the whitespace baseline).</summary>
internal sealed class IntentBenchmark(IntentTrainerOptions options, BenchProgress progress, string? predictionsFile = null)
{
    public List<BenchResult> Run(BenchDataset dataset, List<IntentExample> training, List<IntentExample>? validation)
    {
        if (dataset.Protocol != BenchProtocol.CrossValidation)
        {
            var (model, seconds) = Train(training, dataset.Protocol == BenchProtocol.ThresholdOnValidation ? validation : null);
            var report = dataset.Protocol == BenchProtocol.ThresholdOnValidation ? model.Card.Validation! : IntentEvaluator.Evaluate(model, validation!);
            progress.Done(dataset.Cost(training.Count), $"{dataset.Name}: accuracy {report.Accuracy:0.00}%");
            return [Result(dataset, "ours", training.Count, validation!, [report], [seconds], model)];
        }

        var folds = Folds.Split(training, BenchDataset.Folds, options.Seed);
        var reports = new List<EvaluationReport>();
        var baselineReports = new List<EvaluationReport>();
        var times = new List<double>();
        var baselineTimes = new List<double>();
        IntentModel? first = null;
        WhitespaceBaseline? firstBaseline = null;
        var share = dataset.Cost(training.Count) / BenchDataset.Folds;
        for (var f = 0; f < folds.Count; f++)
        {
            var (train, test) = folds[f];
            var (model, seconds) = Train(train, null);
            reports.Add(IntentEvaluator.Evaluate(model, test));
            WritePredictions(dataset, f, test, reports[^1]);
            times.Add(seconds);
            first ??= model;
            var line = $"{dataset.Name} fold {f + 1}/{folds.Count}: accuracy {reports[^1].Accuracy:0.00}%";
            if (dataset.WithWhitespaceBaseline)
            {
                var baseline = WhitespaceBaseline.Train(train, options);
                baselineReports.Add(baseline.Evaluate(test));
                baselineTimes.Add(baseline.TrainingSeconds);
                firstBaseline ??= baseline;
                line += $", whitespace baseline {baselineReports[^1].Accuracy:0.00}%";
            }

            progress.Done(share, line);
        }

        var results = new List<BenchResult> { Result(dataset, "ours", training.Count, folds[0].Test, reports, times, first!) };
        if (firstBaseline is not null)
        {
            var texts = folds[0].Test.Select(e => e.Text).ToList();
            var (p50, p99) = LatencyProbe.Measure(texts, text => firstBaseline.Predict(text));
            results.Add(Summarise(dataset, "whitespace words 1-2", training.Count, baselineReports, baselineTimes, firstBaseline.Megabytes(), p50, p99));
        }

        return results;
    }

    /// <summary>With --predictions, every test row's labelled and top intent, tab-separated, for confusion matrices and reading the misses.</summary>
    private void WritePredictions(BenchDataset dataset, int fold, List<IntentExample> test, EvaluationReport report)
    {
        if (predictionsFile is null)
        {
            return;
        }

        File.AppendAllLines(predictionsFile, test.Select((e, i) => $"{dataset.Name}\t{fold + 1}\t{report.Rows[i].Expected}\t{report.Rows[i].Predicted}\t{e.Text.ReplaceLineEndings(" ").Replace('\t', ' ')}"));
    }

    private (IntentModel Model, double Seconds) Train(List<IntentExample> training, List<IntentExample>? validation)
    {
        var clock = Stopwatch.StartNew();
        var model = new IntentTrainer(options).Train(training, validation, ["bench"]);
        return (model, clock.Elapsed.TotalSeconds);
    }

    private static BenchResult Result(
        BenchDataset dataset, string pipeline, int trainingExamples, List<IntentExample> latencyTexts, List<EvaluationReport> reports, List<double> times, IntentModel model)
    {
        var (p50, p99) = LatencyProbe.Measure([.. latencyTexts.Select(e => e.Text)], text => model.Classify(text));
        return Summarise(dataset, pipeline, trainingExamples, reports, times, Megabytes(model), p50, p99);
    }

    private static BenchResult Summarise(
        BenchDataset dataset, string pipeline, int trainingExamples, List<EvaluationReport> reports, List<double> times, double megabytes, double p50, double p99)
    {
        var accuracies = reports.Select(r => r.Accuracy).ToList();
        var mean = accuracies.Average();
        double? spread = reports.Count > 1 ? Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (reports.Count - 1)) : null;
        var single = reports.Count == 1 ? reports[0] : null;
        return new BenchResult(
            dataset.Name,
            dataset.Language,
            pipeline,
            dataset.Describe(),
            trainingExamples,
            reports.Sum(r => r.Examples),
            reports[0].PerIntent.Count,
            Math.Round(mean, 2),
            spread is { } s ? Math.Round(s, 2) : null,
            Math.Round(reports.Average(r => r.MacroF1), 2),
            single?.InScopeAccuracy,
            single?.OutOfScopeRecall,
            single?.InScopeAccuracy is null ? null : single.Threshold,
            Math.Round(times.Average(), 1),
            Math.Round(megabytes, 1),
            p50,
            p99);
    }

    private static double Megabytes(IntentModel model)
    {
        var folder = Directory.CreateTempSubdirectory("intentbench-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.zip");
            model.Save(path);
            return new FileInfo(path).Length / 1024.0 / 1024.0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

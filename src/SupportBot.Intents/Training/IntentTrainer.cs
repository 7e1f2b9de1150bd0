using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>
/// Trains the intent model: normalised text → word and character n-grams → a linear maximum-entropy classifier
/// (<see cref="IntentPipeline"/>), then fits the confidence temperature and the out-of-scope threshold on validation
/// data, and finally refits on all the data with the same settings.
/// </summary>
public sealed class IntentTrainer(IntentTrainerOptions options)
{
    public IntentModel Train(
        IReadOnlyList<IntentExample> training, IReadOnlyList<IntentExample>? validation, IReadOnlyList<string> dataFiles, IProgress<string>? progress = null)
    {
        var tooFew = TrainingData.TooFew(training, options.MinimumExamplesPerIntent);
        if (tooFew.Count > 0)
        {
            throw new TrainingDataException(
                $"Too few examples (need {options.MinimumExamplesPerIntent}): {string.Join(", ", tooFew.Select(t => $"{t.Intent} ({t.Count})"))}.");
        }

        if (options.HiddenUnits > 0 && options.Features != "joint")
        {
            throw new ArgumentException($"A hidden layer ({nameof(options.HiddenUnits)} {options.HiddenUnits}) reads the joint features; set {nameof(options.HiddenUnits)} to 0 for features '{options.Features}'.");
        }

        if (options.RejectBy is not (Rejection.Logit or Rejection.Confidence or Rejection.Neighbours or Rejection.NeighboursAndLinear))
        {
            throw new ArgumentException($"Unknown {nameof(options.RejectBy)} '{options.RejectBy}': use {Rejection.Logit}, {Rejection.Neighbours}, {Rejection.NeighboursAndLinear} or {Rejection.Confidence}.");
        }

        if (options.HiddenUnits > 0 && options.HiddenNetworks < 1)
        {
            throw new ArgumentException($"{nameof(options.HiddenNetworks)} must be at least 1 with a hidden layer; got {options.HiddenNetworks}.");
        }

        var clock = Stopwatch.StartNew();
        var (fit, check, source) = validation is { Count: > 0 }
            ? (training.ToList(), validation.ToList(), "validation file")
            : Split(training);
        fit.AddRange(SyntheticNegatives.Make(fit, options.SyntheticOutOfScope, options.Seed));
        var ml = new MLContext(options.Seed);

        var candidates = options.Trainer == "auto" ? new[] { "lbfgs", "sdca" } : [options.Trainer];
        (string Trainer, IntentModel Model, List<IntentEvaluator.ScoredRow> Rows, double Accuracy)? best = null;
        foreach (var trainer in candidates)
        {
            progress?.Report($"fitting {trainer} on {fit.Count} examples");
            var model = Fit(ml, fit, trainer, temperature: 1f, threshold: 0f, progress);
            var rows = IntentEvaluator.Score(model, check);
            var accuracy = IntentEvaluator.Evaluate(rows, model.Card.Labels, 0f).Accuracy;
            progress?.Report($"{trainer}: {accuracy:0.00}% on {check.Count} validation examples");
            if (best is null || accuracy > best.Value.Accuracy)
            {
                best = (trainer, model, rows, accuracy);
            }
        }

        var chosen = best!.Value;
        var labels = chosen.Model.Card.Labels;
        progress?.Report("calibrating confidence and choosing the out-of-scope threshold");
        var known = chosen.Rows.Where(r => labels.Contains(r.Example.Intent)).Select(r => (r.Probabilities, labels.IndexOf(r.Example.Intent))).ToList();
        var temperature = Calibration.FitTemperature(known);
        var calibrated = chosen.Rows.Select(r => r with { Probabilities = Calibration.Apply(r.Probabilities, temperature) }).ToList();
        var threshold = OutOfScopeThreshold.Choose(calibrated, labels, options);
        var byLanguage = OutOfScopeThreshold.ChooseByLanguage(calibrated, labels, options);
        var report = IntentEvaluator.Evaluate(calibrated, labels, threshold, byLanguage);

        // With a separate validation file the fitted model is final; with a held-out split, refit on everything.
        var final = chosen.Model;
        if (validation is not { Count: > 0 })
        {
            progress?.Report($"refitting {chosen.Trainer} on all {fit.Count + check.Count} examples");
            final = Fit(ml, [.. fit, .. check], chosen.Trainer, temperature, threshold, progress);
        }

        var card = final.Card;
        card.Temperature = temperature;
        card.Threshold = threshold;
        card.ThresholdByLanguage = byLanguage;
        card.Validation = report;
        card.ValidationExamples = check.Count;
        card.ValidationSource = source;
        card.DataFiles = [.. dataFiles.Select(Path.GetFileName).OfType<string>()];
        card.TrainingSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        return final;
    }

    private (List<IntentExample>, List<IntentExample>, string) Split(IReadOnlyList<IntentExample> training)
    {
        var (fit, check) = TrainingData.Split(training, options.HoldOutEvery);
        return (fit, check, $"every {options.HoldOutEvery}th training example per intent and language");
    }

    private IntentModel Fit(
        MLContext ml, IReadOnlyList<IntentExample> examples, string trainer, float temperature, float threshold, IProgress<string>? progress)
    {
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => IntentInput.From(e.Text, e.Intent)));
        var pipeline = IntentPipeline.Build(ml, options, trainer, data);
        var transformer = pipeline.Fit(data);

        var card = new ModelCard
        {
            CreatedAt = DateTimeOffset.UtcNow,
            Trainer = trainer,
            Seed = options.Seed,
            WordNgrams = options.WordNgrams,
            CharNgrams = options.CharNgrams,
            CharNgramsFrom = options.CharNgramsFrom,
            WordWeight = options.WordWeight,
            ThaiClusters = options.ThaiClusters,
            MaxNgramsPerLength = options.MaxNgramsPerLength,
            NgramSelection = options.NgramSelection,
            Features = options.Features,
            HiddenUnits = options.HiddenUnits,
            HiddenNetworks = options.HiddenUnits > 0 ? options.HiddenNetworks : 0,
            HiddenWeight = options.HiddenUnits > 0 ? options.HiddenWeight : 0f,
            Weighting = options.Weighting,
            Labels = LabelsOf(transformer, data),
            DataHash = Hash(examples),
            TrainingExamples = examples.Count,
            ExamplesPerLanguage = examples.GroupBy(e => e.Language ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Temperature = temperature,
            Threshold = threshold,
            AmbiguityMargin = options.AmbiguityMargin,
        };
        card.Version = $"{card.CreatedAt:yyyyMMdd-HHmmss}-{card.DataHash[..8]}";
        var linear = new IntentModel(ml, transformer, card);
        if (options.HiddenUnits <= 0)
        {
            return linear;
        }

        progress?.Report($"training {options.HiddenNetworks} hidden-layer network(s) of {options.HiddenUnits} units on the same features");
        var labels = examples.Select(e => card.Labels.IndexOf(e.Intent)).ToArray();
        var rows = FeatureRows.Of(linear, examples.Select(e => IntentInput.From(e.Text, e.Intent)));
        // Several networks train at once, each on a thread of its own (three on two cores share them evenly instead
        // of the third waiting for a free one); a single network spreads each batch over two.
        var epochs = progress is null ? null : new EpochCount(progress, options.HiddenNetworks * options.HiddenEpochs);
        var training = Enumerable.Range(0, options.HiddenNetworks).Select(k => Task.Factory.StartNew(
            () => HiddenLayerTrainer.Train(rows, labels, linear.FeatureCount, card.Labels.Count, options with { Seed = options.Seed + (k * 1_000_003) },
                epochs, parallelShards: options.HiddenNetworks == 1),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var hidden = Task.WhenAll(training).GetAwaiter().GetResult().ToList();
        card.RejectBy = options.RejectBy; // the linear model above, a step on the way, has no logit to reject by
        var neighbours = Rejection.NeedsNeighbours(options.RejectBy)
            ? NeighbourIndex.Build([.. hidden.Select(net => rows.Select(r => net.Activations(r)).ToList())], labels, card.Labels.Count, options.NeighboursPerIntent)
            : null;
        return new IntentModel(ml, transformer, card, hidden, neighbours);
    }

    private static List<string> LabelsOf(ITransformer transformer, IDataView data)
    {
        var score = transformer.GetOutputSchema(data.Schema)["Score"];
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    private static string Hash(IEnumerable<IntentExample> examples)
    {
        var lines = examples.Select(e => $"{e.Intent}\t{e.Language}\t{e.Text}").OrderBy(l => l, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    /// <summary>Epochs finished over all the networks training at once, as one count.</summary>
    private sealed class EpochCount(IProgress<string> progress, int total) : IProgress<int>
    {
        private int _done;

        public void Report(int epoch) => progress.Report($"hidden layers: epoch {Interlocked.Increment(ref _done)}/{total}");
    }
}

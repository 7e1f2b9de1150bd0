using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>
/// The plain comparison pipeline: raw text (no normalisation) split on spaces, a bag of word unigrams and bigrams
/// scaled to unit length, and the same classifier and regularisation as ours. Only the features differ.
/// </summary>
internal sealed class WhitespaceBaseline
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<IntentInput, IntentPrediction> _engine;
    private readonly List<string> _labels;

    private WhitespaceBaseline(MLContext ml, ITransformer model, List<string> labels, double seconds)
    {
        _ml = ml;
        _model = model;
        _labels = labels;
        _engine = ml.Model.CreatePredictionEngine<IntentInput, IntentPrediction>(model);
        TrainingSeconds = seconds;
    }

    public double TrainingSeconds { get; }

    public static WhitespaceBaseline Train(IReadOnlyList<IntentExample> examples, IntentTrainerOptions options)
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new IntentInput { Text = e.Text, Label = e.Intent }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.ProduceWordBags("Bag", nameof(IntentInput.Text), ngramLength: 2, useAllLengths: true))
            .Append(ml.Transforms.NormalizeLpNorm("Features", "Bag"))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = options.L2,
                L1Regularization = 0f,
                MaximumNumberOfIterations = 50,
            }));
        var model = pipeline.Fit(data);
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref names);
        return new WhitespaceBaseline(ml, model, [.. names.DenseValues().Select(n => n.ToString())], clock.Elapsed.TotalSeconds);
    }

    public float[] Predict(string text) => _engine.Predict(new IntentInput { Text = text }).Score;

    public EvaluationReport Evaluate(IEnumerable<IntentExample> examples) =>
        IntentEvaluator.Evaluate([.. examples.Select(e => new IntentEvaluator.ScoredRow(e, Predict(e.Text)))], _labels, 0f);

    public double Megabytes()
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, null, stream);
        return stream.Length / 1024.0 / 1024.0;
    }
}

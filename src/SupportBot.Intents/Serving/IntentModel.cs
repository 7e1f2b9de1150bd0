using System.Numerics.Tensors;
using Microsoft.ML;

namespace SupportBot.Intents;

/// <summary>
/// A trained model ready to answer: the ML.NET transformer, its card, the optional hidden layers, and pools of
/// prediction engines for its three ways of scoring (the direct linear scorer on ML.NET's features, the single
/// ML.NET classifier, the ML.NET ensemble). The file format is <see cref="IntentModelArchive"/>.
/// </summary>
public sealed class IntentModel
{
    private readonly MLContext _ml;
    private readonly ITransformer? _transformer;
    private readonly PredictionEnginePool<IntentPrediction>? _engines;
    private readonly PredictionEnginePool<EnsemblePrediction>? _ensembleEngines;
    private readonly PredictionEnginePool<IntentFeatures>? _featureEngines;
    private readonly LinearScorer? _linear;
    private readonly IReadOnlyList<HiddenLayerNetwork> _hidden;
    private readonly int _hiddenWidth; // the widest network's hidden units: each network's slice of a scoring's scratch
    private readonly NeighbourIndex? _neighbours;
    private readonly int _outOfScopeIndex;

    internal IntentModel(MLContext ml, ITransformer transformer, ModelCard card, IReadOnlyList<HiddenLayerNetwork>? hidden = null, NeighbourIndex? neighbours = null, bool servingOnly = false)
    {
        _ml = ml;
        Card = card;
        _outOfScopeIndex = card.Labels.IndexOf(IntentNames.OutOfScope);
        _linear = LinearScorer.TryCreate(transformer);
        hidden ??= [];
        if (hidden.Any(h => _linear is null || h.Classes != _linear.Classes))
        {
            throw new InvalidDataException("A hidden layer needs a joint linear model with the same intents.");
        }

        _hidden = hidden;
        _hiddenWidth = hidden.Count == 0 ? 0 : hidden.Max(h => h.Hidden);
        _neighbours = neighbours;
        var scorable = card.RejectBy switch
        {
            Rejection.Confidence => true,
            Rejection.Logit => hidden.Count > 0,
            Rejection.Neighbours or Rejection.NeighboursAndLinear => hidden.Count > 0 && neighbours is not null && neighbours.Networks == hidden.Count && neighbours.Classes == card.Labels.Count,
            _ => false,
        };
        if (!scorable)
        {
            throw new InvalidDataException($"The model rejects by '{card.RejectBy}', which this build cannot score for it (the logit needs a hidden layer, the neighbours also their index).");
        }

        _featureEngines = _linear is null ? null : new(ml, _linear.Featurizer);
        if (servingOnly && _linear is not null)
        {
            // Serving reads only the featurizer and the scorer's own copy of the weights: without this reference
            // ML.NET's classifier (its weights again, and its training schema with a name for every n-gram) is garbage.
            return;
        }

        _transformer = transformer;
        _engines = new(ml, transformer);
        _ensembleEngines = new(ml, transformer);
    }

    public ModelCard Card { get; }

    public ITransformer Transformer => _transformer
        ?? throw new InvalidOperationException("This model was loaded for serving only (IntentModel.LoadForServing): it keeps no ML.NET pipeline to save or inspect.");

    internal MLContext Ml => _ml;

    internal IReadOnlyList<HiddenLayerNetwork> Hidden => _hidden;

    internal NeighbourIndex? Neighbours => _neighbours;

    /// <summary>The joint linear model's featurizer; null when ML.NET scores the whole pipeline.</summary>
    internal ITransformer? Featurizer => _linear?.Featurizer;

    /// <summary>True when serving scores with <see cref="LinearScorer"/> rather than ML.NET's prediction engine.</summary>
    internal bool ScoresDirectly => _linear is not null;

    public static IntentModel Load(string path) => Read(path, servingOnly: false);

    public static IntentModel Load(Stream zip, string name) => IntentModelArchive.Read(zip, name);

    /// <summary>A model that classifies and cannot be saved: what a server needs, without ML.NET's own copy of the classifier.</summary>
    public static IntentModel LoadForServing(string path) => Read(path, servingOnly: true);

    private static IntentModel Read(string path, bool servingOnly)
    {
        using var file = File.OpenRead(path);
        return IntentModelArchive.Read(file, path, servingOnly);
    }

    /// <summary>
    /// Records <paramref name="evaluation"/> (replacing one of its name) in the card of the model file at
    /// <paramref name="path"/>, inside the file and beside it; the model itself is untouched.
    /// </summary>
    public static ModelCard RecordEvaluation(string path, RecordedEvaluation evaluation) => IntentModelArchive.RecordEvaluation(path, evaluation);

    /// <summary>Writes the model with its card inside, then the card beside it as JSON and Markdown.</summary>
    public void Save(string path) => IntentModelArchive.Write(this, path);

    public IntentResult Classify(string? text)
    {
        var input = IntentInput.From(text);
        var language = LanguageDetector.Detect(text) ?? "";
        if (input.HasNoLetters)
        {
            return new IntentResult(IntentNames.OutOfScope, 0f, false, language, [], Card.Version);
        }

        var (probabilities, acceptance) = Score(input);
        Span<int> order = stackalloc int[3];
        order = order[..Highest(probabilities, order)];
        var top = new List<ScoredIntent>(order.Length);
        foreach (var i in order)
        {
            top.Add(new ScoredIntent(Card.Labels[i], probabilities[i]));
        }

        var best = order[0];
        var confidence = probabilities[best];
        var confident = best != _outOfScopeIndex && acceptance >= Card.ThresholdFor(language);
        var ambiguous = confident && order.Length > 1 && order[1] != _outOfScopeIndex
            && confidence - probabilities[order[1]] < Card.AmbiguityMargin;
        return new IntentResult(confident ? Card.Labels[best] : IntentNames.OutOfScope, confidence, ambiguous, language, top, Card.Version);
    }

    /// <summary>
    /// The indices of the highest probabilities, highest first, as a stable sort from the highest would list them
    /// (of equal ones the earlier first; NaN below every number); returns how many (at most the span's length).
    /// </summary>
    internal static int Highest(ReadOnlySpan<float> probabilities, Span<int> order)
    {
        var count = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var at = count;
            while (at > 0 && probabilities[i].CompareTo(probabilities[order[at - 1]]) > 0)
            {
                at--;
            }

            if (at >= order.Length)
            {
                continue;
            }

            var last = Math.Min(count, order.Length - 1);
            order[at..last].CopyTo(order[(at + 1)..]);
            order[at] = i;
            count = Math.Min(count + 1, order.Length);
        }

        return count;
    }

    /// <summary>Calibrated probabilities for already-normalised input, in the order of <see cref="ModelCard.Labels"/>.</summary>
    internal float[] Probabilities(IntentInput input) => Score(input).Probabilities;

    /// <summary>
    /// Calibrated probabilities, and the score the out-of-scope threshold applies to (<see cref="ModelCard.RejectBy"/>):
    /// the top probability, or σ of the hidden networks' mean logit for the top intent.
    /// </summary>
    internal (float[] Probabilities, float Acceptance) Score(IntentInput input)
    {
        if (_linear is null)
        {
            var scored = Card.Features == "ensemble" ? _ensembleEngines!.Predict(input).Average() : _engines!.Predict(input).Score;
            var probabilities = Calibration.Apply(scored, Card.Temperature);
            return (probabilities, TensorPrimitives.Max(probabilities));
        }

        return _featureEngines!.Predict(input, this, static (output, model) => model.Score(output.Features));
    }

    // The linear classifier and the hidden-layer networks on a message's features.
    private (float[] Probabilities, float Acceptance) Score(in Microsoft.ML.Data.VBuffer<float> features)
    {
        var raw = _linear!.Probabilities(features);
        var linear = Card.RejectBy == Rejection.NeighboursAndLinear ? (float[])raw.Clone() : raw;
        // Every network's activations and logits in one scratch span (a few hundred floats: on the stack), not arrays
        // of their own each message: they live only for this call.
        var (classes, networks, width) = (raw.Length, _hidden.Count, _hiddenWidth);
        var size = (networks * (width + classes)) + (2 * classes);
        Span<float> scratch = size <= 2048 ? stackalloc float[size] : new float[size];
        var activations = scratch[..(networks * width)];
        var logits = scratch.Slice(networks * width, networks * classes);
        if (networks > 0)
        {
            var hidden = scratch.Slice(networks * (width + classes), classes);
            var probabilities = scratch.Slice((networks * (width + classes)) + classes, classes);
            hidden.Clear(); // the networks' mean is summed into it
            for (var k = 0; k < networks; k++)
            {
                var activation = activations.Slice(k * width, _hidden[k].Hidden);
                var logit = logits.Slice(k * classes, classes);
                _hidden[k].Logits(features, activation, logit);
                TensorPrimitives.SoftMax(logit, probabilities);
                TensorPrimitives.Add(hidden, probabilities, hidden);
            }

            TensorPrimitives.Multiply(hidden, 1f / networks, hidden);
            TensorPrimitives.Lerp(raw, hidden, Card.HiddenWeight, raw);
        }

        var calibrated = new float[classes];
        Calibration.Apply(raw, Card.Temperature, calibrated);
        var top = TensorPrimitives.IndexOfMax(calibrated);
        if (Card.RejectBy == Rejection.Confidence)
        {
            return (calibrated, calibrated[top]);
        }

        var (mean, nearest) = (0f, 0f);
        for (var k = 0; k < networks; k++)
        {
            mean += logits[(k * classes) + top] / networks;
            nearest += _neighbours is null ? 0f : _neighbours.Nearest(k, top, activations.Slice(k * width, _hidden[k].Hidden)) / networks;
        }

        return (calibrated, Card.RejectBy switch
        {
            Rejection.Neighbours => Rejection.NeighbourScore(mean, nearest),
            Rejection.NeighboursAndLinear => Rejection.NeighbourScore(mean, nearest, linear[top]),
            _ => 1f / (1f + MathF.Exp(-mean)),
        });
    }

    /// <summary>The linear classifier's own probabilities, before calibration and without the hidden layer.</summary>
    internal float[] LinearProbabilities(IntentInput input) =>
        _linear is not null ? _linear.Probabilities(_featureEngines!.Predict(input).Features) : _engines!.Predict(input).Score;

    /// <summary>The linear classifier's probabilities for a feature vector already made (the benchmark times the stages apart).</summary>
    internal float[] LinearProbabilities(in Microsoft.ML.Data.VBuffer<float> features) => _linear!.Probabilities(features);

    /// <summary>Every hidden-layer network's logits for a feature vector already made.</summary>
    internal float[][] HiddenLogits(in Microsoft.ML.Data.VBuffer<float> features)
    {
        var logits = new float[_hidden.Count][];
        for (var k = 0; k < _hidden.Count; k++)
        {
            logits[k] = _hidden[k].Logits(features);
        }

        return logits;
    }

    /// <summary>Length of the feature vector the classifiers read.</summary>
    internal int FeatureCount => _linear?.Features ?? 0;
}

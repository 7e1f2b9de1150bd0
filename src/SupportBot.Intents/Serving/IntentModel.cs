using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>
/// A trained model ready to answer: the ML.NET transformer, its card, and a pool of prediction engines (an
/// engine is not thread-safe; the pool lets many requests predict at once).
/// </summary>
public sealed class IntentModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly ConcurrentBag<PredictionEngine<IntentInput, IntentPrediction>> _engines = [];
    private readonly ConcurrentBag<PredictionEngine<IntentInput, EnsemblePrediction>> _ensembleEngines = [];
    private readonly ConcurrentBag<PredictionEngine<IntentInput, IntentFeatures>> _featureEngines = [];
    private readonly LinearScorer? _linear;
    private readonly IReadOnlyList<HiddenLayerNetwork> _hidden;
    private readonly int _outOfScopeIndex;

    internal IntentModel(MLContext ml, ITransformer transformer, ModelCard card, IReadOnlyList<HiddenLayerNetwork>? hidden = null)
    {
        _ml = ml;
        _transformer = transformer;
        Card = card;
        _outOfScopeIndex = card.Labels.IndexOf(IntentNames.OutOfScope);
        _linear = LinearScorer.TryCreate(transformer);
        hidden ??= [];
        if (hidden.Any(h => _linear is null || h.Classes != _linear.Classes))
        {
            throw new InvalidDataException("A hidden layer needs a joint linear model with the same intents.");
        }

        _hidden = hidden;
    }

    public ModelCard Card { get; }

    public ITransformer Transformer => _transformer;

    /// <summary>True when serving scores with <see cref="LinearScorer"/> rather than ML.NET's prediction engine.</summary>
    internal bool ScoresDirectly => _linear is not null;

    public static IntentModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file, path);
    }

    public static IntentModel Load(Stream zip, string name)
    {
        using var copy = new MemoryStream();
        zip.CopyTo(copy);
        copy.Position = 0;
        ModelCard card;
        var hidden = new List<HiddenLayerNetwork>();
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Read, leaveOpen: true))
        {
            var entry = archive.GetEntry(ModelCard.EntryName)
                ?? throw new InvalidDataException($"{name} has no model card ({ModelCard.EntryName}); it is not a SupportBot intent model.");
            using (var cardStream = entry.Open())
            {
                card = JsonSerializer.Deserialize<ModelCard>(cardStream, ModelCard.Json)
                    ?? throw new InvalidDataException($"{name}: the model card is empty.");
            }

            if (card.NormalizerVersion != TextNormalizer.Version)
            {
                throw new InvalidDataException($"{name} was trained with text normalisation v{card.NormalizerVersion}; this build uses v{TextNormalizer.Version}. Retrain it.");
            }

            for (var k = 0; card.HiddenUnits > 0 && k < Math.Max(1, card.HiddenNetworks); k++)
            {
                var entryName = HiddenLayerNetwork.EntryNameOf(k);
                var layerEntry = archive.GetEntry(entryName)
                    ?? throw new InvalidDataException($"{name}: the card names a hidden layer but {entryName} is missing.");
                using var layer = layerEntry.Open();
                hidden.Add(HiddenLayerNetwork.Read(layer, name));
            }
        }

        copy.Position = 0;
        var ml = new MLContext(card.Seed);
        var transformer = ml.Model.Load(copy, out _);
        var model = new IntentModel(ml, transformer, card, hidden);
        model.Classify("hello"); // a model that cannot predict must fail here, not on a customer's message
        return model;
    }

    /// <summary>Writes the model with its card inside, then the card beside it as JSON and Markdown.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        using (var stream = File.Create(temporary))
        {
            _ml.Model.Save(_transformer, null, stream);
        }

        using (var archive = ZipFile.Open(temporary, ZipArchiveMode.Update))
        {
            using (var cardStream = archive.CreateEntry(ModelCard.EntryName).Open())
            {
                JsonSerializer.Serialize(cardStream, Card, ModelCard.Json);
            }

            for (var k = 0; k < _hidden.Count; k++)
            {
                using var layer = archive.CreateEntry(HiddenLayerNetwork.EntryNameOf(k)).Open();
                _hidden[k].Write(layer);
            }
        }

        // Rename last, so a watching server never loads a half-written file.
        File.Move(temporary, path, overwrite: true);
        var stem = Path.Combine(directory, Path.GetFileNameWithoutExtension(path));
        File.WriteAllText($"{stem}.card.json", JsonSerializer.Serialize(Card, ModelCard.Json));
        File.WriteAllText($"{stem}.card.md", ModelCardMarkdown.Write(Card));
    }

    public IntentResult Classify(string? text)
    {
        var input = IntentInput.From(text);
        var language = LanguageDetector.Detect(text) ?? "";
        if (!input.Text.Any(char.IsLetter))
        {
            return new IntentResult(IntentNames.OutOfScope, 0f, false, language, [], Card.Version);
        }

        var probabilities = Probabilities(input);
        var order = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ToArray();
        var top = order.Take(3).Select(i => new ScoredIntent(Card.Labels[i], probabilities[i])).ToList();
        var best = order[0];
        var confidence = probabilities[best];
        var confident = best != _outOfScopeIndex && confidence >= Card.Threshold;
        var ambiguous = confident && order.Length > 1 && order[1] != _outOfScopeIndex
            && confidence - probabilities[order[1]] < Card.AmbiguityMargin;
        return new IntentResult(confident ? Card.Labels[best] : IntentNames.OutOfScope, confidence, ambiguous, language, top, Card.Version);
    }

    /// <summary>Calibrated probabilities for already-normalised input, in the order of <see cref="ModelCard.Labels"/>.</summary>
    internal float[] Probabilities(IntentInput input)
    {
        float[] raw;
        if (_linear is not null)
        {
            var features = Predict(_featureEngines, input, _linear.Featurizer).Features;
            raw = _linear.Probabilities(features);
            if (_hidden.Count > 0)
            {
                var hidden = _hidden[0].Probabilities(features);
                for (var k = 1; k < _hidden.Count; k++)
                {
                    TensorPrimitives.Add(hidden, _hidden[k].Probabilities(features), hidden);
                }

                TensorPrimitives.Multiply(hidden, 1f / _hidden.Count, hidden);
                TensorPrimitives.Lerp(raw, hidden, Card.HiddenWeight, raw);
            }
        }
        else
        {
            raw = Card.Features == "ensemble" ? Predict(_ensembleEngines, input, _transformer).Average() : Predict(_engines, input, _transformer).Score;
        }

        return Calibration.Apply(raw, Card.Temperature);
    }

    /// <summary>The linear classifier's own probabilities, before calibration and without the hidden layer.</summary>
    internal float[] LinearProbabilities(IntentInput input) =>
        _linear is not null ? _linear.Probabilities(Predict(_featureEngines, input, _linear.Featurizer).Features) : Predict(_engines, input, _transformer).Score;

    /// <summary>The feature vectors the classifiers read, for training the hidden layer on the fitted featurizer.</summary>
    internal List<SparseRow> FeatureRows(IEnumerable<IntentInput> inputs)
    {
        var featurizer = _linear?.Featurizer ?? throw new InvalidOperationException("Only a joint linear model exposes its features.");
        var view = featurizer.Transform(_ml.Data.LoadFromEnumerable(inputs));
        var rows = new List<SparseRow>();
        using var cursor = view.GetRowCursor([view.Schema["Features"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            var indices = new List<int>();
            var values = new List<float>();
            foreach (var (index, value) in buffer.Items())
            {
                if (value != 0f)
                {
                    indices.Add(index);
                    values.Add(value);
                }
            }

            rows.Add(new SparseRow([.. indices], [.. values]));
        }

        return rows;
    }

    /// <summary>Length of the feature vector the classifiers read.</summary>
    internal int FeatureCount => _linear?.Features ?? 0;

    private TOutput Predict<TOutput>(ConcurrentBag<PredictionEngine<IntentInput, TOutput>> pool, IntentInput input, ITransformer transformer)
        where TOutput : class, new()
    {
        if (!pool.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<IntentInput, TOutput>(transformer);
        }

        try
        {
            return engine.Predict(input);
        }
        finally
        {
            pool.Add(engine);
        }
    }
}

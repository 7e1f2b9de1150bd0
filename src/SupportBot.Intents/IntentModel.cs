using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;

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
    private readonly int _outOfScopeIndex;

    public IntentModel(MLContext ml, ITransformer transformer, ModelCard card)
    {
        _ml = ml;
        _transformer = transformer;
        Card = card;
        _outOfScopeIndex = card.Labels.IndexOf(IntentNames.OutOfScope);
        _linear = LinearScorer.TryCreate(transformer);
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
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Read, leaveOpen: true))
        {
            var entry = archive.GetEntry(ModelCard.EntryName)
                ?? throw new InvalidDataException($"{name} has no model card ({ModelCard.EntryName}); it is not a SupportBot intent model.");
            using var cardStream = entry.Open();
            card = JsonSerializer.Deserialize<ModelCard>(cardStream, ModelCard.Json)
                ?? throw new InvalidDataException($"{name}: the model card is empty.");
        }

        if (card.NormalizerVersion != TextNormalizer.Version)
        {
            throw new InvalidDataException($"{name} was trained with text normalisation v{card.NormalizerVersion}; this build uses v{TextNormalizer.Version}. Retrain it.");
        }

        copy.Position = 0;
        var ml = new MLContext(card.Seed);
        var transformer = ml.Model.Load(copy, out _);
        var model = new IntentModel(ml, transformer, card);
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
            var entry = archive.CreateEntry(ModelCard.EntryName);
            using var cardStream = entry.Open();
            JsonSerializer.Serialize(cardStream, Card, ModelCard.Json);
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
        var raw = _linear is not null ? _linear.Probabilities(Predict(_featureEngines, input, _linear.Featurizer).Features)
            : Card.Features == "ensemble" ? Predict(_ensembleEngines, input, _transformer).Average()
            : Predict(_engines, input, _transformer).Score;
        return Calibration.Apply(raw, Card.Temperature);
    }

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

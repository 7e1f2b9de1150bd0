using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace SupportBot.Intents;

/// <summary>
/// The ML.NET estimator chain the trainer fits: punctuation dropped, a word n-gram bag and a character n-gram bag
/// each scaled to a fixed length, then one linear maximum-entropy classifier on both ("joint") or one on each
/// ("ensemble", whose word model's probabilities are kept in <see cref="WordScore"/> for serving to average).
/// </summary>
internal static class IntentPipeline
{
    public const string WordScore = "WordScore";

    // ML.NET's own default cap, i.e. no cap in practice.
    private const int AllNgrams = 10_000_000;

    public static IEstimator<ITransformer> Build(MLContext ml, IntentTrainerOptions options, string trainer, IDataView? data = null)
    {
        var weighting = options.Weighting switch
        {
            "tf" => NgramExtractingEstimator.WeightingCriteria.Tf,
            "tfidf" => NgramExtractingEstimator.WeightingCriteria.TfIdf,
            "idf" => NgramExtractingEstimator.WeightingCriteria.Idf,
            _ => throw new ArgumentException($"Unknown weighting '{options.Weighting}': use tfidf, tf or idf."),
        };
        var limit = options.MaxNgramsPerLength > 0 ? options.MaxNgramsPerLength : AllNgrams;

        // "frequent": every n-gram is extracted, then each bag keeps those in the most training rows, at most `limit`
        // per length (the count threshold comes from one counting pass over the training data).
        IReadOnlyDictionary<string, long>? minimumRows = null;
        if (options.NgramSelection == IntentTrainerOptions.FrequentNgrams && limit < AllNgrams)
        {
            if (data is null)
            {
                throw new ArgumentException($"{nameof(options.NgramSelection)} '{IntentTrainerOptions.FrequentNgrams}' needs the training data to count n-grams in.");
            }

            var counted = Ngrams(ml, options, weighting, AllNgrams, null).Fit(data).Transform(data);
            minimumRows = MinimumRows(counted, Bags(options), limit);
        }
        else if (options.NgramSelection is not (IntentTrainerOptions.FirstMetNgrams or IntentTrainerOptions.FrequentNgrams))
        {
            throw new ArgumentException($"Unknown n-gram selection '{options.NgramSelection}': use {IntentTrainerOptions.FirstMetNgrams} or {IntentTrainerOptions.FrequentNgrams}.");
        }

        var features = Ngrams(ml, options, weighting, minimumRows is null ? limit : AllNgrams, minimumRows)
            .Append(ml.Transforms.NormalizeGlobalContrast("WordFeatures", "WordBag", ensureZeroMean: false, ensureUnitStandardDeviation: false, scale: options.WordWeight))
            .Append(ml.Transforms.NormalizeLpNorm("CharFeatures", "CharBag"));

        return options.Features switch
        {
            "joint" => features
                .Append(ml.Transforms.Concatenate("Features", "WordFeatures", "CharFeatures"))
                .AppendCacheCheckpoint(ml)
                .Append(Classifier(ml, options, trainer, "Features")),
            "ensemble" => features
                .AppendCacheCheckpoint(ml)
                .Append(Classifier(ml, options, trainer, "WordFeatures"))
                .Append(ml.Transforms.CopyColumns(WordScore, "Score"))
                .Append(Classifier(ml, options, trainer, "CharFeatures")),
            _ => throw new ArgumentException($"Unknown features '{options.Features}': use joint or ensemble."),
        };
    }

    /// <summary>What the word n-grams read: the cleaned text, or with <see cref="IntentTrainerOptions.ThaiClusters"/> the same text with Thai runs cut into clusters.</summary>
    private static IEstimator<ITransformer> WordSource(MLContext ml, IntentTrainerOptions options) => options.ThaiClusters
        ? ml.Transforms.Text.NormalizeText("WordText", nameof(IntentInput.Clusters), TextNormalizingEstimator.CaseMode.None,
            keepDiacritics: true, keepPunctuations: false, keepNumbers: true)
        : new EstimatorChain<ITransformer>();

    /// <summary>The chain up to the word bag ("WordBag") and the character bag ("CharBag"), with each bag cut to <paramref name="minimumRows"/> if given.</summary>
    private static IEstimator<ITransformer> Ngrams(
        MLContext ml, IntentTrainerOptions options, NgramExtractingEstimator.WeightingCriteria weighting, int limit, IReadOnlyDictionary<string, long>? minimumRows)
    {
        IEstimator<ITransformer> chain = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.NormalizeText("Clean", nameof(IntentInput.Text), TextNormalizingEstimator.CaseMode.None,
                keepDiacritics: true, keepPunctuations: false, keepNumbers: true))
            .Append(WordSource(ml, options))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", options.ThaiClusters ? "WordText" : "Clean"))
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordBag", "WordKeys", options.WordNgrams, 0, useAllLengths: true, limit, weighting));
        chain = Select(ml, chain, "WordBag", minimumRows);
        return chain
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Clean", useMarkerCharacters: true))
            .Append(CharBag(ml, options, limit, weighting, minimumRows));
    }

    /// <summary>The n-gram bags and how many n-gram lengths each holds (the word bag holds all of 1..WordNgrams).</summary>
    private static List<(string Column, int Lengths)> Bags(IntentTrainerOptions options)
    {
        List<(string Column, int Lengths)> bags = [("WordBag", options.WordNgrams)];
        if (options.CharNgramsFrom <= 1)
        {
            bags.Add(("CharBag", options.CharNgrams));
        }
        else
        {
            bags.AddRange(CharLengths(options).Select(n => ($"Char{n}", 1)));
        }

        return bags;
    }

    private static int[] CharLengths(IntentTrainerOptions options) =>
        Enumerable.Range(options.CharNgramsFrom, Math.Max(1, options.CharNgrams - options.CharNgramsFrom + 1)).ToArray();

    /// <summary>The chain, then with <paramref name="minimumRows"/> the bag <paramref name="column"/> cut to the n-grams in at least that many training rows.</summary>
    private static IEstimator<ITransformer> Select(MLContext ml, IEstimator<ITransformer> chain, string column, IReadOnlyDictionary<string, long>? minimumRows) =>
        minimumRows is not null && minimumRows.TryGetValue(column, out var rows) && rows > 1
            ? chain.Append(ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(column, column, rows))
            : chain;

    /// <summary>
    /// For each bag, the fewest training rows an n-gram must occur in for the bag to keep at most `limit` n-grams per
    /// length: the most frequent ones (ties at the cut all go, so a bag may keep fewer).
    /// </summary>
    private static Dictionary<string, long> MinimumRows(IDataView counted, List<(string Column, int Lengths)> bags, int limit)
    {
        var columns = bags.Select(b => counted.Schema[b.Column]).ToArray();
        var rows = columns.Select(c => new int[((VectorDataViewType)c.Type).Size]).ToArray();
        using var cursor = counted.GetRowCursor(columns);
        var getters = columns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            for (var b = 0; b < columns.Length; b++)
            {
                getters[b](ref buffer);
                foreach (var (slot, value) in buffer.Items())
                {
                    if (value != 0f)
                    {
                        rows[b][slot]++;
                    }
                }
            }
        }

        var minimum = new Dictionary<string, long>();
        for (var b = 0; b < columns.Length; b++)
        {
            var keep = (long)limit * bags[b].Lengths;
            var sorted = rows[b].OrderDescending().ToArray();
            minimum[bags[b].Column] = sorted.Length <= keep ? 1 : sorted[keep] + 1L;
        }

        return minimum;
    }

    /// <summary>Character n-grams of lengths CharNgramsFrom..CharNgrams; ML.NET's own ranges always start at 1.</summary>
    private static IEstimator<ITransformer> CharBag(
        MLContext ml, IntentTrainerOptions options, int limit, NgramExtractingEstimator.WeightingCriteria weighting, IReadOnlyDictionary<string, long>? minimumRows)
    {
        if (options.CharNgramsFrom <= 1)
        {
            return Select(ml, ml.Transforms.Text.ProduceNgrams("CharBag", "Chars", options.CharNgrams, 0, useAllLengths: true, limit, weighting), "CharBag", minimumRows);
        }

        var lengths = CharLengths(options);
        IEstimator<ITransformer> bags = new EstimatorChain<ITransformer>();
        foreach (var n in lengths)
        {
            bags = Select(ml, bags.Append(ml.Transforms.Text.ProduceNgrams($"Char{n}", "Chars", n, 0, useAllLengths: false, limit, weighting)), $"Char{n}", minimumRows);
        }

        return bags.Append(ml.Transforms.Concatenate("CharBag", [.. lengths.Select(n => $"Char{n}")]));
    }

    private static IEstimator<ITransformer> Classifier(MLContext ml, IntentTrainerOptions options, string trainer, string features) => trainer switch
    {
        // L1 off in both: it zeroes the rare n-grams that carry short and code-mixed messages.
        "lbfgs" => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = features,
            L1Regularization = 0f,
            L2Regularization = options.LbfgsL2,
            OptimizationTolerance = options.LbfgsTolerance,
            MaximumNumberOfIterations = options.MaxIterations,
        }),
        "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = features,
            L2Regularization = options.L2,
            L1Regularization = 0f,
            MaximumNumberOfIterations = options.MaxIterations,
        }),
        _ => throw new ArgumentException($"Unknown trainer '{trainer}': use lbfgs, sdca or auto."),
    };
}

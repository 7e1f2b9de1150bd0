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

    public static IEstimator<ITransformer> Build(MLContext ml, IntentTrainerOptions options, string trainer)
    {
        var weighting = options.Weighting switch
        {
            "tf" => NgramExtractingEstimator.WeightingCriteria.Tf,
            "tfidf" => NgramExtractingEstimator.WeightingCriteria.TfIdf,
            "idf" => NgramExtractingEstimator.WeightingCriteria.Idf,
            _ => throw new ArgumentException($"Unknown weighting '{options.Weighting}': use tfidf, tf or idf."),
        };
        var limit = options.MaxNgramsPerLength > 0 ? options.MaxNgramsPerLength : AllNgrams;

        var features = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.NormalizeText("Clean", nameof(IntentInput.Text), TextNormalizingEstimator.CaseMode.None,
                keepDiacritics: true, keepPunctuations: false, keepNumbers: true))
            .Append(WordSource(ml, options))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", options.ThaiClusters ? "WordText" : "Clean"))
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordBag", "WordKeys", options.WordNgrams, 0, useAllLengths: true, limit, weighting))
            .Append(ml.Transforms.NormalizeGlobalContrast("WordFeatures", "WordBag", ensureZeroMean: false, ensureUnitStandardDeviation: false, scale: options.WordWeight))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Clean", useMarkerCharacters: true))
            .Append(CharBag(ml, options, limit, weighting))
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

    /// <summary>Character n-grams of lengths CharNgramsFrom..CharNgrams; ML.NET's own ranges always start at 1.</summary>
    private static IEstimator<ITransformer> CharBag(MLContext ml, IntentTrainerOptions options, int limit, NgramExtractingEstimator.WeightingCriteria weighting)
    {
        if (options.CharNgramsFrom <= 1)
        {
            return ml.Transforms.Text.ProduceNgrams("CharBag", "Chars", options.CharNgrams, 0, useAllLengths: true, limit, weighting);
        }

        var lengths = Enumerable.Range(options.CharNgramsFrom, Math.Max(1, options.CharNgrams - options.CharNgramsFrom + 1)).ToArray();
        IEstimator<ITransformer> bags = new EstimatorChain<ITransformer>();
        foreach (var n in lengths)
        {
            bags = bags.Append(ml.Transforms.Text.ProduceNgrams($"Char{n}", "Chars", n, 0, useAllLengths: false, limit, weighting));
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

using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace SupportBot.Intents;

/// <summary>
/// The ML.NET estimator chain the trainer fits: punctuation dropped, word and character n-gram bags each scaled to
/// unit length, then either one linear classifier on both bags ("joint") or one on each ("ensemble", whose word
/// model's scores are kept in <see cref="WordScore"/> so serving can average the two).
/// </summary>
internal static class IntentPipeline
{
    public const string WordScore = "WordScore";

    public static IEstimator<ITransformer> Build(MLContext ml, IntentTrainerOptions options, string trainer)
    {
        var weighting = options.Weighting switch
        {
            "tf" => NgramExtractingEstimator.WeightingCriteria.Tf,
            "tfidf" => NgramExtractingEstimator.WeightingCriteria.TfIdf,
            _ => throw new ArgumentException($"Unknown weighting '{options.Weighting}': use tf or tfidf."),
        };

        var features = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.NormalizeText("Clean", nameof(IntentInput.Text), TextNormalizingEstimator.CaseMode.None,
                keepDiacritics: true, keepPunctuations: false, keepNumbers: true))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Clean"))
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordBag", "WordKeys", options.WordNgrams, 0, useAllLengths: true, MaxNgrams(options), weighting))
            .Append(ml.Transforms.NormalizeLpNorm("WordFeatures", "WordBag"))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Clean", useMarkerCharacters: true))
            .Append(ml.Transforms.Text.ProduceNgrams("CharBag", "Chars", options.CharNgrams, 0, useAllLengths: true, MaxNgrams(options), weighting))
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

    private static int MaxNgrams(IntentTrainerOptions options) => options.MaxNgramsPerLength > 0 ? options.MaxNgramsPerLength : 10_000_000;

    private static IEstimator<ITransformer> Classifier(MLContext ml, IntentTrainerOptions options, string trainer, string features) => trainer switch
    {
        // L1 off: it zeroes the rare n-grams that carry short and code-mixed messages.
        "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = features,
            L2Regularization = options.L2,
            L1Regularization = 0f,
            MaximumNumberOfIterations = 50,
        }),
        "lbfgs" => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = features,
            L1Regularization = 0f,
            L2Regularization = 0.01f,
            OptimizationTolerance = 1e-4f,
        }),
        _ => throw new ArgumentException($"Unknown trainer '{trainer}': use sdca, lbfgs or auto."),
    };
}

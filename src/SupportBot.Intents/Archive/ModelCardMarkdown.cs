using System.Globalization;
using System.Text;

namespace SupportBot.Intents;

/// <summary>The model card as a page a person reads.</summary>
public static class ModelCardMarkdown
{
    public static string Write(ModelCard card)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"# Intent model {card.Version}");
        md.AppendLine();
        md.AppendLine(c, $"- created {card.CreatedAt:yyyy-MM-dd HH:mm} UTC in {card.TrainingSeconds:0.0} s; trainer `{card.Trainer}`, word 1-{card.WordNgrams}-grams{(card.ThaiClusters ? " (Thai: character clusters)" : "")} (weight {card.WordWeight:0.##}) + char {card.CharNgramsFrom}-{card.CharNgrams}-grams, {NgramCap(card)}, {card.Weighting}, {card.Features}{HiddenLayers(card)}, seed {card.Seed}, normaliser v{card.NormalizerVersion}");
        md.AppendLine(c, $"- data: {card.TrainingExamples} training examples ({string.Join(", ", card.ExamplesPerLanguage.Select(kv => $"{kv.Key} {kv.Value}"))}), {card.ValidationExamples} validation examples ({card.ValidationSource}); SHA-256 {card.DataHash[..Math.Min(16, card.DataHash.Length)]}…");
        md.AppendLine(c, $"- serving: temperature {card.Temperature:0.###}, out-of-scope below {card.Threshold:0.###} {card.RejectBy}{ByLanguage(card)}, \"did you mean\" when the top two are within {card.AmbiguityMargin:0.###}");
        md.AppendLine(c, $"- {card.Labels.Count} labels: {string.Join(", ", card.Labels)}");
        if (card.Validation is { } v)
        {
            md.AppendLine();
            md.AppendLine("## Validation");
            md.AppendLine();
            md.AppendLine(Headline(v));
            Tables(md, v);
            md.AppendLine();
            md.AppendLine("Reliability (confidence bin → how often the top intent was right):");
            md.AppendLine();
            md.AppendLine("| confidence | rows | mean confidence | accuracy |");
            md.AppendLine("|---|---:|---:|---:|");
            foreach (var b in v.Reliability.Where(b => b.Count > 0))
            {
                md.AppendLine(c, $"| {b.From:0.0}–{b.To:0.0} | {b.Count} | {b.MeanConfidence:0.0} | {b.Accuracy:0.0} |");
            }
        }

        foreach (var e in card.Evaluations)
        {
            md.AppendLine();
            md.AppendLine(c, $"## {e.Name}, evaluated {e.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            md.AppendLine();
            md.AppendLine(c, $"{e.Report.Examples} examples from {string.Join(", ", e.Files.Select(f => $"`{f}`"))}: {Headline(e.Report)}");
            Tables(md, e.Report);
        }

        return md.ToString();
    }

    private static string Headline(EvaluationReport r)
    {
        var inScope = r.InScopeAccuracy is { } a ? FormattableString.Invariant($", in-scope accuracy {a:0.0}%") : "";
        var recall = r.OutOfScopeRecall is { } o ? FormattableString.Invariant($", out-of-scope recall {o:0.0}%") : "";
        return FormattableString.Invariant($"accuracy {r.Accuracy:0.0}%, macro-F1 {r.MacroF1:0.0}%{inScope}{recall}, calibration error {r.CalibrationError:0.0} points");
    }

    // Per language, then per intent.
    private static void Tables(StringBuilder md, EvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine();
        md.AppendLine("| language | examples | accuracy | macro-F1 | in-scope acc. | OOS recall |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var l in report.PerLanguage)
        {
            md.AppendLine(c, $"| {l.Language} | {l.Examples} | {l.Accuracy:0.0} | {l.MacroF1:0.0} | {l.InScopeAccuracy:0.0} | {l.OutOfScopeRecall:0.0} |");
        }

        md.AppendLine();
        md.AppendLine("| intent | support | precision | recall | F1 |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var i in report.PerIntent)
        {
            md.AppendLine(c, $"| {i.Intent} | {i.Support} | {i.Precision:0.0} | {i.Recall:0.0} | {i.F1:0.0} |");
        }
    }

    private static string ByLanguage(ModelCard card) => card.ThresholdByLanguage.Count == 0 ? ""
        : $" ({Rejection.Describe(card.ThresholdByLanguage)}; other languages the first)";

    private static string NgramCap(ModelCard card) => card.MaxNgramsPerLength <= 0 ? "every n-gram kept"
        : string.Create(CultureInfo.InvariantCulture, $"at most {card.MaxNgramsPerLength:N0} per length ({(card.NgramSelection == IntentTrainerOptions.FrequentNgrams ? "the most frequent" : "the first met")})");

    private static string HiddenLayers(ModelCard card) => card.HiddenUnits <= 0 ? ""
        : card.HiddenNetworks > 1 ? $" + {card.HiddenNetworks} hidden-layer networks of {card.HiddenUnits} units (weight {card.HiddenWeight:0.##})"
        : $" + a {card.HiddenUnits}-unit hidden layer (weight {card.HiddenWeight:0.##})";
}

namespace SupportBot.Intents;

/// <summary>How a model did on a labelled set. Percentages are 0-100.</summary>
public sealed class EvaluationReport
{
    public int Examples { get; set; }

    /// <summary>The top intent is the labelled one, whatever its confidence (in-scope rows only).</summary>
    public double Accuracy { get; set; }

    public double MacroF1 { get; set; }

    /// <summary>In-scope rows whose top intent is right AND clears the threshold; null when the set has no out-of-scope rows.</summary>
    public double? InScopeAccuracy { get; set; }

    /// <summary>Out-of-scope rows the model rejected; null when the set has none.</summary>
    public double? OutOfScopeRecall { get; set; }

    public float Threshold { get; set; }

    /// <summary>Thresholds of single languages that replaced <see cref="Threshold"/> for their messages (<see cref="ModelCard.ThresholdByLanguage"/>).</summary>
    public Dictionary<string, float> ThresholdByLanguage { get; set; } = [];

    /// <summary>Expected calibration error: how far confidence is from accuracy, averaged over confidence bins.</summary>
    public double CalibrationError { get; set; }

    public List<IntentFigures> PerIntent { get; set; } = [];
    public List<LanguageFigures> PerLanguage { get; set; } = [];
    public List<ConfusedPair> MostConfused { get; set; } = [];
    public List<ReliabilityBin> Reliability { get; set; } = [];

    /// <summary>Each example's labelled and top intent, in the order evaluated; kept for comparing two models example by example, not saved.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<PredictedRow> Rows { get; set; } = [];
}

public sealed record PredictedRow(string Expected, string Predicted);

public sealed record IntentFigures(string Intent, int Support, double Precision, double Recall, double F1);

public sealed record LanguageFigures(string Language, int Examples, double Accuracy, double MacroF1, double? InScopeAccuracy, double? OutOfScopeRecall);

public sealed record ConfusedPair(string Expected, string Predicted, int Count);

/// <summary>Rows whose confidence fell in [From, To): how confident the model was on average, and how often right.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanConfidence, double Accuracy);

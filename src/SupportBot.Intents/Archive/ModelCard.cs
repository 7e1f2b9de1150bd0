using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Intents;

/// <summary>
/// Everything a maintainer needs to judge a model, stored inside its zip (and beside it as JSON and Markdown):
/// what it knows, what it was trained on, how it scored, and the settings serving applies.
/// </summary>
public sealed class ModelCard
{
    public const string EntryName = "supportbot/card.json";

    public string Version { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string Trainer { get; set; } = "";
    public int NormalizerVersion { get; set; } = TextNormalizer.Version;
    public int Seed { get; set; }
    public int WordNgrams { get; set; }
    public int CharNgrams { get; set; }

    /// <summary>Shortest character n-gram (1 for models from before it was a setting).</summary>
    public int CharNgramsFrom { get; set; } = 1;

    public float WordWeight { get; set; } = 1f;

    /// <summary>Word n-grams read Thai as character clusters (<see cref="IntentTrainerOptions.ThaiClusters"/>).</summary>
    public bool ThaiClusters { get; set; }

    public int MaxNgramsPerLength { get; set; }

    /// <summary>Which n-grams the cap kept (<see cref="IntentTrainerOptions.NgramSelection"/>): "first" met (and on models from before it was a setting) or most "frequent".</summary>
    public string NgramSelection { get; set; } = IntentTrainerOptions.FirstMetNgrams;

    public string Weighting { get; set; } = "tf";

    /// <summary>"joint" (one classifier on word and character n-grams) or "ensemble" (one on each, probabilities averaged).</summary>
    public string Features { get; set; } = "joint";

    /// <summary>Units of the hidden layer averaged with the linear classifier (0: none; models from before it have none).</summary>
    public int HiddenUnits { get; set; }

    /// <summary>Hidden-layer networks, trained with different seeds, whose probabilities are averaged (0 on older models: one).</summary>
    public int HiddenNetworks { get; set; }

    /// <summary>Weight of the hidden layer's probabilities in that average.</summary>
    public float HiddenWeight { get; set; }

    /// <summary>Intent names in the order of the model's score vector.</summary>
    public List<string> Labels { get; set; } = [];

    public string DataHash { get; set; } = "";
    public List<string> DataFiles { get; set; } = [];
    public int TrainingExamples { get; set; }
    public int ValidationExamples { get; set; }
    public string ValidationSource { get; set; } = "";
    public Dictionary<string, int> ExamplesPerLanguage { get; set; } = [];
    public double TrainingSeconds { get; set; }

    /// <summary>Softmax temperature fitted on validation data so confidences match observed accuracy.</summary>
    public float Temperature { get; set; } = 1f;

    /// <summary>Below this score (<see cref="RejectBy"/>) a message counts as out of scope; chosen on validation data.</summary>
    public float Threshold { get; set; }

    /// <summary>
    /// Thresholds for single languages, keyed by what <see cref="LanguageDetector"/> says of the message (the same
    /// call serving makes), each chosen on that language's validation rows; a language missing here (and every
    /// language of a model trained before them) uses <see cref="Threshold"/>. One threshold for all languages spent
    /// the whole in-scope budget where the logit runs lowest, on Thai.
    /// </summary>
    public Dictionary<string, float> ThresholdByLanguage { get; set; } = [];

    /// <summary>
    /// The score <see cref="Threshold"/> applies to: <see cref="Rejection.Confidence"/> (models without the setting
    /// have it), <see cref="Rejection.Logit"/>, <see cref="Rejection.Neighbours"/> or <see cref="Rejection.NeighboursAndLinear"/>.
    /// </summary>
    public string RejectBy { get; set; } = Rejection.Confidence;

    /// <summary>When the top two intents are closer than this, the bot asks which one was meant.</summary>
    public float AmbiguityMargin { get; set; }

    public EvaluationReport? Validation { get; set; }

    /// <summary>
    /// Evaluations on frozen sets recorded into the card after training (`supportbot evaluate --record NAME`), one
    /// per name, the latest kept: what the card shows of the sets the model was never trained on.
    /// </summary>
    public List<RecordedEvaluation> Evaluations { get; set; } = [];

    /// <summary>The threshold for a message in <paramref name="language"/> (as <see cref="LanguageDetector"/> tells it).</summary>
    public float ThresholdFor(string? language) => Rejection.ThresholdFor(Threshold, ThresholdByLanguage, language);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>One evaluation recorded in a card: the set's name, when, on which files, and the figures.</summary>
public sealed record RecordedEvaluation(string Name, DateTimeOffset At, IReadOnlyList<string> Files, EvaluationReport Report);

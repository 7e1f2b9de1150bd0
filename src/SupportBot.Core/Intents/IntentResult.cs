namespace SupportBot.Intents;

/// <summary>One intent and its calibrated probability.</summary>
public sealed record ScoredIntent(string Intent, float Confidence);

/// <summary>
/// What the classifier made of a message: the intent (out_of_scope when nothing clears the threshold), its
/// calibrated confidence, whether the top two are too close to call, the message's language, the top three and
/// the version of the model that said so.
/// </summary>
public sealed record IntentResult(
    string Intent,
    float Confidence,
    bool IsAmbiguous,
    string Language,
    IReadOnlyList<ScoredIntent> Top,
    string ModelVersion)
{
    public bool IsOutOfScope => Intent == IntentNames.OutOfScope;
}

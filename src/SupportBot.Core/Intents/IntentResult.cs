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

    /// <summary>
    /// The model's own out_of_scope label scored highest: the message is about something else (the weather, a joke),
    /// unlike an out-of-scope result where a support intent led but stayed below the threshold.
    /// </summary>
    public bool IsOffTopic => IsOutOfScope && Top is [{ Intent: IntentNames.OutOfScope }, ..];
}

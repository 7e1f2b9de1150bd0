using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>The model's output row: one raw probability per intent, in the order of the model's label list.</summary>
public sealed class IntentPrediction
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}

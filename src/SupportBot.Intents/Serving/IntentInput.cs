using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>
/// The model's input row, shared by training, serving and evaluation: the normalised text, and for training
/// the intent label.
/// </summary>
public sealed class IntentInput
{
    [LoadColumn(0)]
    public string Text { get; set; } = "";

    [LoadColumn(1)]
    public string Label { get; set; } = "";

    /// <summary>The one way a raw message becomes model input.</summary>
    public static IntentInput From(string? text, string label = "") => new() { Text = TextNormalizer.Normalize(text), Label = label };
}

using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>
/// The model's input row, shared by training, serving and evaluation: the normalised text, and for training
/// the intent label.
/// </summary>
public sealed class IntentInput
{
    private string _text = "";
    private string? _clusters;

    [LoadColumn(0)]
    public string Text
    {
        get => _text;
        set => (_text, _clusters) = (value, null);
    }

    /// <summary>The text with Thai runs split into character clusters (<see cref="ThaiClusters"/>), for the word n-grams.</summary>
    public string Clusters
    {
        get => _clusters ??= ThaiClusters.Split(_text);
        set => _clusters = value;
    }

    [LoadColumn(1)]
    public string Label { get; set; } = "";

    /// <summary>
    /// No letter in any script (digits, punctuation, emoji only): serving turns it away as out of scope without asking
    /// the model, and evaluation counts it so, or the two would disagree on what a customer gets.
    /// </summary>
    public bool HasNoLetters => !Text.Any(char.IsLetter);

    /// <summary>The one way a raw message becomes model input.</summary>
    public static IntentInput From(string? text, string label = "") => new() { Text = TextNormalizer.Normalize(text), Label = label };
}

using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>An ensemble model's output row: the character model's and the word model's probabilities, label order alike.</summary>
internal sealed class EnsemblePrediction
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];

    [ColumnName(IntentPipeline.WordScore)]
    public float[] WordScore { get; set; } = [];

    /// <summary>The mean of the two models' probabilities.</summary>
    public float[] Average()
    {
        var mean = new float[Score.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = (Score[i] + WordScore[i]) / 2f;
        }

        return mean;
    }
}

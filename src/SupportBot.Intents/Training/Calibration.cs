namespace SupportBot.Intents;

/// <summary>
/// Temperature scaling: one number that softens or sharpens the model's probabilities so that "80% sure" is
/// right about 80% of the time on held-out data, without changing which intent ranks first.
/// </summary>
public static class Calibration
{
    public static float[] Apply(float[] probabilities, float temperature)
    {
        var result = new float[probabilities.Length];
        Apply(probabilities, temperature, result);
        return result;
    }

    /// <summary><see cref="Apply(float[], float)"/> into <paramref name="result"/> (as long as the probabilities).</summary>
    public static void Apply(ReadOnlySpan<float> probabilities, float temperature, Span<float> result)
    {
        if (Math.Abs(temperature - 1f) < 1e-6f)
        {
            probabilities.CopyTo(result);
            return;
        }

        double max = double.NegativeInfinity;
        for (var i = 0; i < result.Length; i++)
        {
            max = Math.Max(max, Math.Log(Math.Max(probabilities[i], 1e-12)) / temperature);
        }

        double sum = 0;
        Span<double> scaled = result.Length <= 256 ? stackalloc double[result.Length] : new double[result.Length];
        for (var i = 0; i < result.Length; i++)
        {
            scaled[i] = Math.Exp((Math.Log(Math.Max(probabilities[i], 1e-12)) / temperature) - max);
            sum += scaled[i];
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(scaled[i] / sum);
        }
    }

    /// <summary>The temperature that minimises the negative log-likelihood of the true labels (golden-section search).</summary>
    public static float FitTemperature(IReadOnlyList<(float[] Probabilities, int Label)> rows)
    {
        if (rows.Count == 0)
        {
            return 1f;
        }

        double Loss(double t) => rows.Sum(r => -Math.Log(Math.Max(Apply(r.Probabilities, (float)t)[r.Label], 1e-12)));
        double low = 0.05, high = 5.0;
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = high - (ratio * (high - low)), b = low + (ratio * (high - low));
        double lossA = Loss(a), lossB = Loss(b);
        for (var i = 0; i < 40; i++)
        {
            if (lossA < lossB)
            {
                high = b;
                b = a;
                lossB = lossA;
                a = high - (ratio * (high - low));
                lossA = Loss(a);
            }
            else
            {
                low = a;
                a = b;
                lossA = lossB;
                b = low + (ratio * (high - low));
                lossB = Loss(b);
            }
        }

        return (float)((low + high) / 2);
    }
}

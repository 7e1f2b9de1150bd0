using Microsoft.ML.Data;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>
/// Where one prediction's time goes: normalising the text, ML.NET's featurisation, the linear scorer and the
/// hidden-layer networks, each timed on its own (thread CPU, as <see cref="LatencyProbe.MeasureCpu"/>) over the same
/// texts, then the whole <see cref="IntentModel.Classify"/>. The stages' p99s need not add up to the whole's: each
/// is its own worst 1%.
/// </summary>
internal static class LatencyParts
{
    public static int Print(string path, IReadOnlyList<string> texts, TextWriter output)
    {
        var model = IntentModel.Load(path);
        if (model.Featurizer is not { } featurizer)
        {
            output.WriteLine($"{path}: ML.NET scores this model whole, so its stages cannot be timed apart.");
            return 1;
        }

        var inputs = texts.Select(t => IntentInput.From(t)).ToList();
        var engine = model.Ml.Model.CreatePredictionEngine<IntentInput, IntentFeatures>(featurizer);
        var vectors = inputs.Select(input =>
        {
            var copy = default(VBuffer<float>);
            engine.Predict(input).Features.CopyTo(ref copy);
            return copy;
        }).ToList();
        var active = vectors.Select(v => v.GetValues().Length).Order().ToList();
        output.WriteLine($"{path}: {texts.Count} texts, active features per text p50 {active[active.Count / 2]}, p99 {active[(int)(active.Count * 0.99)]}, most {active[^1]}");

        // Each stage walks the prepared inputs in turn; the probe's text only paces the loop.
        var next = 0;
        Report(output, "normalise", texts, text => IntentInput.From(text));
        Report(output, "featurise", texts, _ => engine.Predict(inputs[next++ % inputs.Count]));
        Report(output, "linear", texts, _ => model.LinearProbabilities(vectors[next++ % vectors.Count]));
        Report(output, "hidden layers", texts, _ => model.HiddenLogits(vectors[next++ % vectors.Count]));
        Report(output, "whole Classify", texts, text => model.Classify(text));
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var text in texts)
        {
            model.Classify(text);
        }

        output.WriteLine(FormattableString.Invariant($"  allocated per Classify: {(GC.GetAllocatedBytesForCurrentThread() - before) / (double)texts.Count / 1024:0.0} KB"));
        return 0;
    }

    private static void Report(TextWriter output, string stage, IReadOnlyList<string> texts, Action<string> run)
    {
        var (p50, p99) = LatencyProbe.MeasureCpu(texts, run);
        output.WriteLine(FormattableString.Invariant($"  {stage,-15} thread CPU p50 {p50,6:0.0} µs, p99 {p99,6:0.0} µs"));
    }
}

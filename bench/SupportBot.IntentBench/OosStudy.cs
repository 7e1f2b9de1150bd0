using System.Globalization;
using System.Numerics.Tensors;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>
/// Issue 19's transfer study on CLINC150 under the threshold protocol: fit on train only (no out-of-scope examples),
/// score val once, then for each way of scoring confidence choose the threshold on one half of val (from in-scope
/// rows only, for a budget of in-scope loss) and measure in-scope accuracy and out-of-scope recall on both halves.
/// The gap between the half it was chosen on and the other half is what a chosen-on-validation figure overstates.
/// </summary>
internal static class OosStudy
{
    private static readonly double[] Budgets = [0.5, 1, 2, 3, 4];

    public static void Run(IntentTrainerOptions options, List<IntentExample> training, List<IntentExample> validation, TextWriter output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var model = new IntentTrainer(options).Train(training, validation, ["oos-study"]);
        output.WriteLine($"trained on {training.Count} in {clock.Elapsed.TotalSeconds:0} s; temperature {model.Card.Temperature:0.000}");
        Analyse(model, training, validation, output);
    }

    /// <summary>The same study for a trained model (e.g. the shipped one on frozen-v2); without training data, no centroid score.</summary>
    public static void Analyse(IntentModel model, List<IntentExample>? training, List<IntentExample> validation, TextWriter output)
    {
        var rows = Score(model, training, validation);
        var raw = 100.0 * rows.Count(r => !r.OutOfScope && r.Right) / rows.Count(r => !r.OutOfScope);
        output.WriteLine($"raw in-scope accuracy on val {raw:0.00}% ({rows.Count(r => !r.OutOfScope)} in scope, {rows.Count(r => r.OutOfScope)} out of scope)");
        var dump = Path.Combine(Path.GetTempPath(), $"oos-study-{DateTime.UtcNow:HHmmss}.tsv");
        File.WriteAllLines(dump, rows.Select(r => string.Join('\t', new[] { r.Intent, r.Right ? "1" : "0", r.Rejected ? "1" : "0" }
            .Concat(r.Scores.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:R}"))))));
        output.WriteLine($"scored rows written to {dump}");
        var half = Halves(rows);
        output.WriteLine("score     budget  t(A)      A: in/oos        B: in/oos      | t(B)      B: in/oos        A: in/oos      | all-val t: in/oos | 5-fold: in/oos");
        foreach (var w in HiddenWeights)
        {
            var key = $"w{w:0.0}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hidden weight {w:0.0}: raw in-scope accuracy {100.0 * rows.Where(r => !r.OutOfScope).Average(r => r.Scores.GetValueOrDefault(key)):0.00}%"));
        }

        foreach (var score in rows[0].Scores.Keys.Where(k => !k.StartsWith('w')))
        {
            foreach (var budget in Budgets)
            {
                var a = half.Where(h => h.Half == 0).Select(h => h.Row).ToList();
                var b = half.Where(h => h.Half == 1).Select(h => h.Row).ToList();
                var ta = Threshold(a, score, budget);
                var tb = Threshold(b, score, budget);
                var tall = Threshold(rows, score, budget);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{score,-9} {budget,5:0.0}  {ta,8:0.0000}  {Fig(a, score, ta)}  {Fig(b, score, ta)} | {tb,8:0.0000}  {Fig(b, score, tb)}  {Fig(a, score, tb)} | {Fig(rows, score, tall)}    | {CrossValidated(rows, score, budget)}"));
            }
        }
    }

    /// <summary>One scored val row; <paramref name="Rejected"/> when the model's top answer is the out-of-scope class itself (synthetic negatives).</summary>
    /// <summary>
    /// 5-fold cross-validation of the threshold over val: chosen on four fifths, counted on the fifth left out, pooled.
    /// Returns the pooled in-scope accuracy and out-of-scope recall.
    /// </summary>
    private static string CrossValidated(List<Row> rows, string score, double budget)
    {
        var seen = new Dictionary<string, int>();
        var fold = rows.Select(r =>
        {
            var n = seen.GetValueOrDefault(r.Intent);
            seen[r.Intent] = n + 1;
            return n % 5;
        }).ToList();
        var (kept, inScope, turnedAway, outOfScope) = (0, 0, 0, 0);
        for (var f = 0; f < 5; f++)
        {
            var t = Threshold([.. rows.Where((_, i) => fold[i] != f)], score, budget);
            foreach (var r in rows.Where((_, i) => fold[i] == f))
            {
                if (r.OutOfScope)
                {
                    outOfScope++;
                    turnedAway += r.Rejected || r.Scores[score] < t ? 1 : 0;
                }
                else
                {
                    inScope++;
                    kept += r.Right && r.Scores[score] >= t ? 1 : 0;
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{100.0 * kept / inScope,6:0.00}/{100.0 * turnedAway / outOfScope,5:0.0}");
    }

    private sealed record Row(bool OutOfScope, bool Right, bool Rejected, string Intent, Dictionary<string, double> Scores);

    private static List<Row> Score(IntentModel model, List<IntentExample>? training, List<IntentExample> validation)
    {
        var labels = model.Card.Labels;
        var inputs = validation.Select(e => IntentInput.From(e.Text)).ToList();
        var features = FeatureRows.Of(model, inputs);
        var centroids = training is null ? null : Centroids(model, training);
        var neighbours = training is null || model.Hidden.Count == 0 ? null : new TrainingNeighbours(model, training);
        var (seenWords, seenChars) = training is null ? (null, null) : Vocabulary(training);
        var rows = new List<Row>();
        for (var i = 0; i < validation.Count; i++)
        {
            var p = model.Probabilities(inputs[i]);
            var order = Enumerable.Range(0, p.Length).OrderByDescending(k => p[k]).ToArray();
            var top = order[0];
            var linear = model.LinearProbabilities(inputs[i]);
            var scores = new Dictionary<string, double>
            {
                ["maxprob"] = p[top],
                ["margin"] = p[top] - p[order[1]],
                ["linear"] = linear[top],
                ["served"] = model.Score(inputs[i]).Acceptance, // what serving thresholds: the card's RejectBy
            };
            double minComponent = linear[top], logit = 0, energy = 0, cosine = 0, minLogit = double.PositiveInfinity;
            var hiddenMean = new float[p.Length];
            for (var k = 0; k < model.Hidden.Count; k++)
            {
                var net = model.Hidden[k];
                var hidden = new float[net.Hidden];
                net.Activate(features[i].Indices, features[i].Values, dense: false, hidden);
                var s = new float[net.Classes];
                net.Scores(hidden, s);
                logit += s[top] / model.Hidden.Count;
                minLogit = Math.Min(minLogit, s[top]);
                energy += LogSumExp(s) / model.Hidden.Count;
                cosine += centroids is null ? 0 : TensorPrimitives.CosineSimilarity(hidden, centroids[k][top]) / model.Hidden.Count;
                TensorPrimitives.SoftMax(s, s);
                minComponent = Math.Min(minComponent, s[top]);
                TensorPrimitives.Add(hiddenMean, s, hiddenMean);
            }

            // The answer the blend would give with other weights of the hidden layers (raw accuracy only).
            foreach (var w in HiddenWeights)
            {
                scores[$"w{w:0.0}"] = labels[TensorPrimitives.IndexOfMax(LerpMean(linear, hiddenMean, model.Hidden.Count, w))] == validation[i].Intent ? 1 : 0;
            }

            foreach (var (name, value) in neighbours?.Scores(features[i], top) ?? [])
            {
                scores[name] = value;
            }

            scores["mincomp"] = minComponent;
            scores["linlogit"] = Math.Log(linear[top]) - linear.Average(v => Math.Log(Math.Max(v, 1e-30)));
            if (seenWords is not null)
            {
                var (words, chars) = Grams(inputs[i].Text);
                scores["wcov"] = words.Count == 0 ? 0 : words.Count(seenWords.Contains) / (double)words.Count;
                scores["ccov"] = chars.Count == 0 ? 0 : chars.Count(seenChars!.Contains) / (double)chars.Count;
            }

            if (model.Hidden.Count > 0)
            {
                scores["maxlogit"] = logit;
                scores["minlogit"] = minLogit;
                scores["energy"] = energy;
                if (centroids is not null)
                {
                    scores["centroid"] = cosine;
                    scores["cos*p"] = cosine * p[top];
                }
            }

            var expected = validation[i].Intent;
            rows.Add(new Row(expected == IntentNames.OutOfScope, labels[top] == expected, labels[top] == IntentNames.OutOfScope, expected, scores));
        }

        return rows;
    }

    /// <summary>The words and character 4-grams of the training texts, for how much of a message was ever seen.</summary>
    private static (HashSet<string> Words, HashSet<string> Chars) Vocabulary(List<IntentExample> training)
    {
        var (words, chars) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var e in training)
        {
            var (w, c) = Grams(IntentInput.From(e.Text).Text);
            words.UnionWith(w);
            chars.UnionWith(c);
        }

        return (words, chars);
    }

    private static (List<string> Words, List<string> Chars) Grams(string text)
    {
        var lower = text.ToLowerInvariant();
        var words = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var padded = $" {lower} ";
        var chars = Enumerable.Range(0, Math.Max(0, padded.Length - 3)).Select(k => padded.Substring(k, 4)).ToList();
        return (words, chars);
    }

    private static readonly float[] HiddenWeights = [0f, 0.5f, 0.6f, 0.7f, 0.8f, 1f];

    private static float[] LerpMean(float[] linear, float[] hiddenSum, int nets, float weight)
    {
        var blend = new float[linear.Length];
        for (var c = 0; c < blend.Length; c++)
        {
            blend[c] = ((1 - weight) * linear[c]) + (weight * hiddenSum[c] / Math.Max(1, nets));
        }

        return blend;
    }

    /// <summary>Each network's mean hidden activation over the training examples of each intent.</summary>
    private static List<float[][]> Centroids(IntentModel model, List<IntentExample> training)
    {
        var labels = model.Card.Labels;
        var features = FeatureRows.Of(model, training.Select(e => IntentInput.From(e.Text)));
        var result = new List<float[][]>();
        foreach (var net in model.Hidden)
        {
            var sums = Enumerable.Range(0, labels.Count).Select(_ => new float[net.Hidden]).ToArray();
            var hidden = new float[net.Hidden];
            for (var i = 0; i < training.Count; i++)
            {
                net.Activate(features[i].Indices, features[i].Values, dense: false, hidden);
                var c = labels.IndexOf(training[i].Intent);
                TensorPrimitives.Add(sums[c], hidden, sums[c]);
            }

            result.Add(sums);
        }

        return result;
    }

    private static double LogSumExp(float[] s)
    {
        var max = TensorPrimitives.Max(s);
        return max + Math.Log(s.Sum(v => Math.Exp(v - max)));
    }

    /// <summary>Alternate rows of each intent (and of out of scope) go to halves A and B.</summary>
    private static List<(int Half, Row Row)> Halves(List<Row> rows)
    {
        var seen = new Dictionary<string, int>();
        return [.. rows.Select(r =>
        {
            var n = seen.GetValueOrDefault(r.Intent);
            seen[r.Intent] = n + 1;
            return (n % 2, r);
        })];
    }

    /// <summary>The highest threshold that turns away at most <paramref name="budget"/> points of in-scope accuracy.</summary>
    private static double Threshold(List<Row> rows, string score, double budget)
    {
        var inScope = rows.Count(r => !r.OutOfScope);
        var right = rows.Where(r => !r.OutOfScope && r.Right).Select(r => r.Scores[score]).Order().ToList();
        var mayLose = (int)Math.Floor(budget / 100 * inScope);
        return mayLose >= right.Count ? double.MaxValue : right[mayLose];
    }

    private static string Fig(List<Row> rows, string score, double t)
    {
        var inScope = rows.Where(r => !r.OutOfScope).ToList();
        var oos = rows.Where(r => r.OutOfScope).ToList();
        var accuracy = 100.0 * inScope.Count(r => r.Right && r.Scores[score] >= t) / inScope.Count;
        var recall = oos.Count == 0 ? double.NaN : 100.0 * oos.Count(r => r.Rejected || r.Scores[score] < t) / oos.Count;
        return string.Create(CultureInfo.InvariantCulture, $"{accuracy,6:0.00}/{recall,5:0.0}");
    }
}

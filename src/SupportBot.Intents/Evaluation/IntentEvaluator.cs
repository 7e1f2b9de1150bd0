namespace SupportBot.Intents;

/// <summary>Scores a model on labelled examples: accuracy, macro-F1, per intent and language, out of scope, calibration.</summary>
public static class IntentEvaluator
{
    /// <summary>
    /// One example with the model's calibrated probabilities for it, and the score the out-of-scope threshold applies
    /// to when that is not the top probability (<see cref="ModelCard.RejectBy"/>).
    /// </summary>
    public sealed record ScoredRow(IntentExample Example, float[] Probabilities, float? Acceptance = null);

    public static List<ScoredRow> Score(IntentModel model, IEnumerable<IntentExample> examples, IProgress<int>? progress = null)
    {
        var rows = new List<ScoredRow>();
        foreach (var example in examples)
        {
            var input = IntentInput.From(example.Text);
            var (probabilities, acceptance) = model.Score(input);
            // Below every threshold, as serving refuses it before scoring (IntentModel.Classify).
            float? refused = input.HasNoLetters ? float.NegativeInfinity : null;
            rows.Add(new ScoredRow(example, probabilities, refused ?? (model.Card.RejectBy == Rejection.Confidence ? null : acceptance)));
            progress?.Report(rows.Count);
        }

        return rows;
    }

    public static EvaluationReport Evaluate(IntentModel model, IReadOnlyList<IntentExample> examples, IProgress<int>? progress = null) =>
        Evaluate(Score(model, examples, progress), model.Card.Labels, model.Card.Threshold, model.Card.ThresholdByLanguage);

    /// <summary>
    /// Figures with <paramref name="threshold"/>, or for a message whose detected language has its own threshold in
    /// <paramref name="thresholdByLanguage"/>, that one (as serving applies <see cref="ModelCard.ThresholdFor"/>).
    /// </summary>
    public static EvaluationReport Evaluate(
        IReadOnlyList<ScoredRow> rows, IReadOnlyList<string> labels, float threshold, IReadOnlyDictionary<string, float>? thresholdByLanguage = null)
    {
        var outcomes = rows.Select(r => Outcome.Of(r, labels, Rejection.ThresholdFor(threshold, thresholdByLanguage, LanguageDetector.Detect(r.Example.Text)))).ToList();
        var inScope = outcomes.Where(o => !o.IsOutOfScopeRow).ToList();
        var outOfScope = outcomes.Where(o => o.IsOutOfScopeRow).ToList();
        var hasOutOfScope = outOfScope.Count > 0;
        return new EvaluationReport
        {
            Examples = rows.Count,
            Threshold = threshold,
            ThresholdByLanguage = thresholdByLanguage is null ? [] : new(thresholdByLanguage),
            Accuracy = Percent(inScope.Count(o => o.TopIsRight), inScope.Count),
            MacroF1 = PerIntent(outcomes).Where(i => i.Intent != IntentNames.OutOfScope).Select(i => i.F1).DefaultIfEmpty(0).Average(),
            InScopeAccuracy = hasOutOfScope ? Percent(inScope.Count(o => o.TopIsRight && o.Accepted), inScope.Count) : null,
            OutOfScopeRecall = hasOutOfScope ? Percent(outOfScope.Count(o => !o.Accepted), outOfScope.Count) : null,
            PerIntent = PerIntent(outcomes),
            PerLanguage = [.. outcomes.GroupBy(o => o.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ForLanguage(g.Key, [.. g]))],
            MostConfused = [.. outcomes.Where(o => !o.TopIsRight && !o.IsOutOfScopeRow)
                .GroupBy(o => (o.Expected, o.Top))
                .Select(g => new ConfusedPair(g.Key.Expected, g.Key.Top, g.Count()))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Expected, StringComparer.Ordinal).Take(10)],
            Reliability = Reliability(outcomes, out var error),
            CalibrationError = error,
            Rows = [.. outcomes.Select(o => new PredictedRow(o.Expected, o.Top))],
        };
    }

    /// <summary>
    /// The confidence below which a message is out of scope. With out-of-scope rows: the one that maximises
    /// in-scope accuracy plus out-of-scope recall while giving up at most <paramref name="maxInScopeLoss"/> points
    /// of in-scope accuracy. Without: low enough to keep 98% of the right answers.
    /// </summary>
    public static float ChooseThreshold(IReadOnlyList<ScoredRow> rows, IReadOnlyList<string> labels, double maxInScopeLoss)
    {
        var outcomes = rows.Select(r => Outcome.Of(r, labels, 0f)).ToList();
        var inScope = outcomes.Where(o => !o.IsOutOfScopeRow).ToList();
        var outOfScope = outcomes.Where(o => o.IsOutOfScopeRow).ToList();
        if (outOfScope.Count == 0)
        {
            var right = inScope.Where(o => o.TopIsRight && !float.IsNegativeInfinity(o.Acceptance)).Select(o => o.Acceptance).OrderBy(c => c).ToList();
            return right.Count == 0 ? 0f : right[(int)(right.Count * 0.02)];
        }

        var baseline = Percent(inScope.Count(o => o.TopIsRight && !o.TopIsOutOfScope), inScope.Count);
        var best = (Threshold: 0f, Score: double.MinValue);
        for (var t = 0f; t <= 0.95f; t += 0.005f)
        {
            var accuracy = Percent(inScope.Count(o => o.TopIsRight && !o.TopIsOutOfScope && o.Acceptance >= t), inScope.Count);
            var recall = Percent(outOfScope.Count(o => o.TopIsOutOfScope || o.Acceptance < t), outOfScope.Count);
            if (accuracy >= baseline - maxInScopeLoss && accuracy + recall > best.Score)
            {
                best = (t, accuracy + recall);
            }
        }

        return best.Threshold;
    }

    private static List<IntentFigures> PerIntent(IReadOnlyList<Outcome> outcomes)
    {
        var intents = outcomes.Select(o => o.Expected).Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal);
        return [.. intents.Select(intent =>
        {
            var truePositives = outcomes.Count(o => o.Expected == intent && o.Top == intent);
            var predicted = outcomes.Count(o => o.Top == intent);
            var support = outcomes.Count(o => o.Expected == intent);
            var precision = Percent(truePositives, predicted);
            var recall = Percent(truePositives, support);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new IntentFigures(intent, support, precision, recall, f1);
        })];
    }

    private static LanguageFigures ForLanguage(string language, IReadOnlyList<Outcome> outcomes)
    {
        var inScope = outcomes.Where(o => !o.IsOutOfScopeRow).ToList();
        var outOfScope = outcomes.Where(o => o.IsOutOfScopeRow).ToList();
        return new LanguageFigures(
            language,
            outcomes.Count,
            Percent(inScope.Count(o => o.TopIsRight), inScope.Count),
            PerIntent(outcomes).Where(i => i.Intent != IntentNames.OutOfScope).Select(i => i.F1).DefaultIfEmpty(0).Average(),
            outOfScope.Count > 0 ? Percent(inScope.Count(o => o.TopIsRight && o.Accepted), inScope.Count) : null,
            outOfScope.Count > 0 ? Percent(outOfScope.Count(o => !o.Accepted), outOfScope.Count) : null);
    }

    private static List<ReliabilityBin> Reliability(IReadOnlyList<Outcome> outcomes, out double expectedError)
    {
        var bins = new List<ReliabilityBin>();
        expectedError = 0;
        for (var i = 0; i < 10; i++)
        {
            double from = i / 10.0, to = (i + 1) / 10.0;
            var inBin = outcomes.Where(o => o.Confidence >= from && (o.Confidence < to || (i == 9 && o.Confidence <= 1))).ToList();
            var confidence = inBin.Count == 0 ? 0 : inBin.Average(o => o.Confidence) * 100;
            var accuracy = Percent(inBin.Count(o => o.TopIsRight), inBin.Count);
            bins.Add(new ReliabilityBin(from, to, inBin.Count, Math.Round(confidence, 2), Math.Round(accuracy, 2)));
            expectedError += outcomes.Count == 0 ? 0 : inBin.Count * Math.Abs(confidence - accuracy) / outcomes.Count;
        }

        expectedError = Math.Round(expectedError, 2);
        return bins;
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 2);

    private sealed record Outcome(string Expected, string Top, float Confidence, float Acceptance, string Language, bool Accepted)
    {
        public bool IsOutOfScopeRow => Expected == IntentNames.OutOfScope;

        public bool TopIsOutOfScope => Top == IntentNames.OutOfScope;

        public bool TopIsRight => Top == Expected;

        public static Outcome Of(ScoredRow row, IReadOnlyList<string> labels, float threshold)
        {
            var p = row.Probabilities;
            var best = 0;
            for (var i = 1; i < p.Length; i++)
            {
                if (p[i] > p[best])
                {
                    best = i;
                }
            }

            var top = labels[best];
            var acceptance = row.Acceptance ?? p[best];
            var accepted = top != IntentNames.OutOfScope && acceptance >= threshold;
            var language = row.Example.Language ?? LanguageDetector.Detect(row.Example.Text) ?? "?";
            return new Outcome(row.Example.Intent, top, p[best], acceptance, language, accepted);
        }
    }
}

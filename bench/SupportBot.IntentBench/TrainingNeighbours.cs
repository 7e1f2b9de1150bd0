using System.Numerics.Tensors;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>
/// Where a message sits among the training examples of the intent the model gave it, for the out-of-scope study:
/// in each hidden layer's activations (nearest training example by cosine, Mahalanobis distance to the intent's mean
/// under the pooled within-intent covariance) and in the sparse feature space (nearest example by cosine).
/// </summary>
internal sealed class TrainingNeighbours
{
    private readonly IntentModel _model;
    private readonly List<float[]>[][] _activations; // [net][class] → unit-length activations of that class's examples
    private readonly float[][][] _means; // [net][class]
    private readonly double[][,] _precision; // [net] inverse pooled covariance
    private readonly List<SparseRow>[] _features; // [class] unit-length feature rows
    private readonly GaussianScores _concatenated; // over the networks' activations side by side
    private readonly GaussianScores _logits; // over the networks' mean logits

    public TrainingNeighbours(IntentModel model, List<IntentExample> training)
    {
        _model = model;
        var labels = model.Card.Labels;
        var rows = FeatureRows.Of(model, training.Select(e => IntentInput.From(e.Text)));
        var classOf = training.Select(e => labels.IndexOf(e.Intent)).ToArray();
        _features = Enumerable.Range(0, labels.Count).Select(_ => new List<SparseRow>()).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            _features[classOf[i]].Add(UnitLength(rows[i]));
        }

        var nets = model.Hidden.Count;
        var both = rows.Select(Concatenated).ToList();
        _concatenated = new GaussianScores([.. both.Select(b => b.Activations)], classOf, labels.Count, ridge: 1e-3);
        _logits = new GaussianScores([.. both.Select(b => b.Logits)], classOf, labels.Count, ridge: 1e-3);
        _activations = new List<float[]>[nets][];
        _means = new float[nets][][];
        _precision = new double[nets][,];
        for (var k = 0; k < nets; k++)
        {
            var net = model.Hidden[k];
            var all = rows.Select(net.Activations).ToList();
            _activations[k] = Enumerable.Range(0, labels.Count).Select(_ => new List<float[]>()).ToArray();
            _means[k] = Enumerable.Range(0, labels.Count).Select(_ => new float[net.Hidden]).ToArray();
            var counts = new int[labels.Count];
            for (var i = 0; i < all.Count; i++)
            {
                TensorPrimitives.Add(_means[k][classOf[i]], all[i], _means[k][classOf[i]]);
                counts[classOf[i]]++;
                var unit = (float[])all[i].Clone();
                var norm = TensorPrimitives.Norm(unit);
                TensorPrimitives.Multiply(unit, norm > 0 ? 1f / norm : 0f, unit);
                _activations[k][classOf[i]].Add(unit);
            }

            for (var c = 0; c < labels.Count; c++)
            {
                TensorPrimitives.Multiply(_means[k][c], counts[c] > 0 ? 1f / counts[c] : 0f, _means[k][c]);
            }

            var covariance = new double[net.Hidden, net.Hidden];
            for (var i = 0; i < all.Count; i++)
            {
                var mean = _means[k][classOf[i]];
                for (var a = 0; a < net.Hidden; a++)
                {
                    var da = all[i][a] - mean[a];
                    for (var b = 0; b < net.Hidden; b++)
                    {
                        covariance[a, b] += da * (all[i][b] - mean[b]) / all.Count;
                    }
                }
            }

            _precision[k] = GaussianScores.Invert(covariance, ridge: 1e-3);
        }
    }

    /// <summary>Scores for one message (its feature row) given the class the model chose, averaged over the networks.</summary>
    public Dictionary<string, double> Scores(SparseRow row, int top)
    {
        double nearest = 0, nearest3 = 0, mahalanobis = 0;
        var nets = _model.Hidden.Count;
        for (var k = 0; k < nets; k++)
        {
            var h = _model.Hidden[k].Activations(row);
            var norm = TensorPrimitives.Norm(h);
            var similarities = _activations[k][top].Select(t => norm > 0 ? TensorPrimitives.Dot(h, t) / norm : 0f).OrderDescending().ToList();
            nearest += similarities[0] / nets;
            nearest3 += similarities.Take(3).Average() / nets;
            var d = new double[h.Length];
            for (var a = 0; a < h.Length; a++)
            {
                d[a] = h[a] - _means[k][top][a];
            }

            double squared = 0;
            for (var a = 0; a < d.Length; a++)
            {
                double sum = 0;
                for (var b = 0; b < d.Length; b++)
                {
                    sum += _precision[k][a, b] * d[b];
                }

                squared += d[a] * sum;
            }

            mahalanobis -= squared / nets;
        }

        var (activations, logits) = Concatenated(row);
        var (cat, catNearest, catRelative) = _concatenated.Score(activations, top);
        var (logit, logitNearest, logitRelative) = _logits.Score(logits, top);
        var unit = UnitLength(row);
        var feature = _features[top].Select(t => SparseDot(unit, t)).OrderDescending().ToList();
        return new()
        {
            ["knn1"] = nearest,
            ["knn3"] = nearest3,
            ["maha"] = mahalanobis,
            ["fknn1"] = feature[0],
            ["fknn3"] = feature.Take(3).Average(),
            ["mcat"] = cat,
            ["mcatmin"] = catNearest,
            ["mcatrel"] = catRelative,
            ["mlog"] = logit,
            ["mlogmin"] = logitNearest,
            ["mlogrel"] = logitRelative,
        };
    }

    /// <summary>Every network's ReLU activations side by side, and the networks' mean logits.</summary>
    private (float[] Activations, float[] Logits) Concatenated(SparseRow row)
    {
        var nets = _model.Hidden;
        var activations = new float[nets.Sum(n => n.Hidden)];
        var logits = new float[nets[0].Classes];
        var (offset, scores) = (0, new float[logits.Length]);
        foreach (var net in nets)
        {
            var h = net.Activations(row);
            h.CopyTo(activations, offset);
            offset += h.Length;
            net.Scores(h, scores);
            TensorPrimitives.Add(logits, scores, logits);
        }

        TensorPrimitives.Multiply(logits, 1f / nets.Count, logits);
        return (activations, logits);
    }

    private static SparseRow UnitLength(SparseRow row)
    {
        var norm = TensorPrimitives.Norm(row.Values);
        var values = (float[])row.Values.Clone();
        TensorPrimitives.Multiply(values, norm > 0 ? 1f / norm : 0f, values);
        return new SparseRow(row.Indices, values);
    }

    private static double SparseDot(SparseRow x, SparseRow y)
    {
        double sum = 0;
        int i = 0, j = 0;
        while (i < x.Indices.Length && j < y.Indices.Length)
        {
            if (x.Indices[i] == y.Indices[j])
            {
                sum += x.Values[i++] * y.Values[j++];
            }
            else if (x.Indices[i] < y.Indices[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}

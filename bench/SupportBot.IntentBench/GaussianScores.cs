namespace SupportBot.IntentBench;

/// <summary>
/// Class-conditional Gaussians with one shared covariance over some vector of a message (the concatenated hidden
/// activations, the mean logits), for the out-of-scope study: the Mahalanobis distance to the given intent's mean,
/// to the nearest intent's mean, and relative to one Gaussian over all the training data (Ren et al.'s relative
/// Mahalanobis). Higher scores mean "more like the training data".
/// </summary>
internal sealed class GaussianScores
{
    private readonly double[][] _precisionMeans; // [class] P·μc
    private readonly double[] _meanTerms; // [class] μc'·P·μc
    private readonly double[,] _precision;
    private readonly double[] _globalMean;
    private readonly double[,] _globalPrecision;

    public GaussianScores(IReadOnlyList<float[]> vectors, IReadOnlyList<int> classOf, int classes, double ridge)
    {
        var d = vectors[0].Length;
        var means = Enumerable.Range(0, classes).Select(_ => new double[d]).ToArray();
        var counts = new int[classes];
        _globalMean = new double[d];
        for (var i = 0; i < vectors.Count; i++)
        {
            counts[classOf[i]]++;
            for (var a = 0; a < d; a++)
            {
                means[classOf[i]][a] += vectors[i][a];
                _globalMean[a] += vectors[i][a] / vectors.Count;
            }
        }

        for (var c = 0; c < classes; c++)
        {
            for (var a = 0; a < d; a++)
            {
                means[c][a] /= Math.Max(1, counts[c]);
            }
        }

        var within = new double[d, d];
        var total = new double[d, d];
        var (x, g) = (new double[d], new double[d]);
        for (var i = 0; i < vectors.Count; i++)
        {
            for (var a = 0; a < d; a++)
            {
                x[a] = vectors[i][a] - means[classOf[i]][a];
                g[a] = vectors[i][a] - _globalMean[a];
            }

            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    within[a, b] += x[a] * x[b] / vectors.Count;
                    total[a, b] += g[a] * g[b] / vectors.Count;
                }
            }
        }

        _precision = Invert(within, ridge * MeanVariance(within));
        _globalPrecision = Invert(total, ridge * MeanVariance(total));
        _precisionMeans = [.. means.Select(m => Times(_precision, m))];
        _meanTerms = [.. means.Select((m, c) => Dot(m, _precisionMeans[c]))];
    }

    /// <summary>−distance² to <paramref name="top"/>'s mean, −distance² to the nearest mean, and −(distance² to top's mean − distance² to the global Gaussian).</summary>
    public (double Top, double Nearest, double Relative) Score(float[] vector, int top)
    {
        var x = vector.Select(v => (double)v).ToArray();
        var px = Times(_precision, x);
        var xpx = Dot(x, px);
        double Distance(int c) => xpx - (2 * Dot(_precisionMeans[c], x)) + _meanTerms[c];
        var nearest = Enumerable.Range(0, _meanTerms.Length).Min(Distance);
        var g = x.Select((v, a) => v - _globalMean[a]).ToArray();
        var global = Dot(g, Times(_globalPrecision, g));
        var toTop = Distance(top);
        return (-toTop, -nearest, -(toTop - global));
    }

    private static double[] Times(double[,] m, double[] v)
    {
        var r = new double[v.Length];
        for (var a = 0; a < v.Length; a++)
        {
            double s = 0;
            for (var b = 0; b < v.Length; b++)
            {
                s += m[a, b] * v[b];
            }

            r[a] = s;
        }

        return r;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double MeanVariance(double[,] covariance)
    {
        var n = covariance.GetLength(0);
        double trace = 0;
        for (var i = 0; i < n; i++)
        {
            trace += covariance[i, i];
        }

        return Math.Max(trace / n, 1e-12);
    }

    /// <summary>Gauss-Jordan inverse, with partial pivoting, of a covariance with <paramref name="ridge"/> added to its diagonal.</summary>
    public static double[,] Invert(double[,] matrix, double ridge)
    {
        var n = matrix.GetLength(0);
        var a = new double[n, 2 * n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                a[r, c] = matrix[r, c] + (r == c ? ridge : 0);
            }

            a[r, n + r] = 1;
        }

        for (var p = 0; p < n; p++)
        {
            var pivotRow = p;
            for (var r = p + 1; r < n; r++)
            {
                if (Math.Abs(a[r, p]) > Math.Abs(a[pivotRow, p]))
                {
                    pivotRow = r;
                }
            }

            if (pivotRow != p)
            {
                for (var c = 0; c < 2 * n; c++)
                {
                    (a[p, c], a[pivotRow, c]) = (a[pivotRow, c], a[p, c]);
                }
            }

            var pivot = a[p, p];
            for (var c = 0; c < 2 * n; c++)
            {
                a[p, c] /= pivot;
            }

            for (var r = 0; r < n; r++)
            {
                if (r != p && a[r, p] != 0)
                {
                    var f = a[r, p];
                    for (var c = 0; c < 2 * n; c++)
                    {
                        a[r, c] -= f * a[p, c];
                    }
                }
            }
        }

        var inverse = new double[n, n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                inverse[r, c] = a[r, n + c];
            }
        }

        return inverse;
    }
}

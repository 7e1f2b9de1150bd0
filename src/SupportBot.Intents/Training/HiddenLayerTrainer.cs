using System.Numerics;
using System.Numerics.Tensors;

namespace SupportBot.Intents;

/// <summary>One training example as the network reads it: the non-zero entries of its feature vector.</summary>
internal readonly record struct SparseRow(int[] Indices, float[] Values);

/// <summary>
/// Trains <see cref="HiddenLayerNetwork"/>: cross-entropy, dropout on the hidden units, mini-batches of 32 and
/// Adam. The start is seeded, and each epoch's order and each example's dropout follow from a hash of the example
/// itself, so the same data gives the same network in any row order. Input weights are updated only for the
/// features a batch touches (lazy Adam): a batch touches a few thousand of tens of thousands of features.
/// </summary>
internal static class HiddenLayerTrainer
{
    private const int BatchSize = 32;
    private const int Shards = 2;
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    public static HiddenLayerNetwork Train(
        IReadOnlyList<SparseRow> rows, int[] labels, int features, int classes, IntentTrainerOptions options, IProgress<int>? epochDone = null, bool parallelShards = true)
    {
        var width = options.HiddenUnits;
        var network = new HiddenLayerNetwork(features, width, classes);
        var random = new Random(options.Seed);

        // Uniform (Glorot) start; a text has some tens of non-zero features, which stands in for the fan-in.
        Fill(network.Input, MathF.Sqrt(6f / (50 + width)), random);
        Fill(network.Output, MathF.Sqrt(6f / (width + classes)), random);

        var input = new Moments(network.Input.Length);
        var hiddenBias = new Moments(width);
        var output = new Moments(network.Output.Length);
        var outputBias = new Moments(classes);

        // A batch is split into a fixed number of shards that add up in a fixed order, so the result is the same
        // whether they run side by side (one network) or one after the other (several networks trained side by side).
        var shards = Enumerable.Range(0, Shards).Select(_ => new Shard(network, options)).ToArray();
        var keys = Keys(rows, labels);
        var order = new int[rows.Count];
        var sortKeys = new ulong[rows.Count];
        var step = 0;
        for (var epoch = 0; epoch < options.HiddenEpochs; epoch++)
        {
            var salt = Mix(((ulong)options.Seed << 20) + (ulong)epoch);
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
                sortKeys[i] = Mix(keys[i] ^ salt);
            }

            Array.Sort(sortKeys, order);
            var dropoutSalt = Mix(salt);
            for (var start = 0; start < order.Length; start += BatchSize)
            {
                var end = Math.Min(order.Length, start + BatchSize);
                if (parallelShards)
                {
                    Parallel.For(0, Shards, s => shards[s].Accumulate(rows, labels, keys, dropoutSalt, order, start + s, end, Shards));
                }
                else
                {
                    for (var s = 0; s < Shards; s++)
                    {
                        shards[s].Accumulate(rows, labels, keys, dropoutSalt, order, start + s, end, Shards);
                    }
                }

                var total = shards[0];
                for (var s = 1; s < Shards; s++)
                {
                    total.Add(shards[s]);
                }

                step++;
                var rate = options.HiddenLearningRate * MathF.Sqrt(1f - MathF.Pow(Beta2, step)) / (1f - MathF.Pow(Beta1, step));
                var mean = 1f / (end - start);
                output.Step(network.Output, total.OutputGradient, 0, rate, mean);
                outputBias.Step(network.OutputBias, total.OutputBiasGradient, 0, rate, mean);
                hiddenBias.Step(network.HiddenBias, total.HiddenBiasGradient, 0, rate, mean);
                foreach (var (feature, gradient) in total.InputGradients)
                {
                    input.Step(network.Input.AsSpan(feature * width, width), gradient, feature * width, rate, mean);
                }
            }

            epochDone?.Report(epoch + 1);
        }

        network.Quantise();
        return network;
    }

    private static void Fill(float[] weights, float limit, Random random)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = ((random.NextSingle() * 2f) - 1f) * limit;
        }
    }

    /// <summary>
    /// A hash of each example's content (its features, its label, and how many identical examples came before it),
    /// from which the order of every epoch and the dropout of every example derive. So the network does not depend on
    /// the order of the rows, and adding a few examples leaves the others' treatment as it was instead of reshuffling
    /// everything.
    /// </summary>
    private static ulong[] Keys(IReadOnlyList<SparseRow> rows, int[] labels)
    {
        var keys = new ulong[rows.Count];
        var copies = new Dictionary<ulong, int>();
        for (var r = 0; r < rows.Count; r++)
        {
            var key = Mix((ulong)labels[r]);
            var row = rows[r];
            for (var i = 0; i < row.Indices.Length; i++)
            {
                key = Mix(key ^ (((ulong)(uint)row.Indices[i] << 32) | BitConverter.SingleToUInt32Bits(row.Values[i])));
            }

            var copy = copies.GetValueOrDefault(key);
            copies[key] = copy + 1;
            keys[r] = Mix(key + (ulong)copy);
        }

        return keys;
    }

    /// <summary>SplitMix64's finaliser: a well-spread 64-bit hash of a 64-bit value.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>One shard's share of a batch: forward pass with dropout, then the gradients it adds up.</summary>
    private sealed class Shard(HiddenLayerNetwork network, IntentTrainerOptions options)
    {
        private readonly float[] _hidden = new float[network.Hidden];
        private readonly bool[] _kept = new bool[network.Hidden];
        private readonly float[] _scores = new float[network.Classes];
        private readonly float[] _hiddenGradient = new float[network.Hidden];
        private readonly Stack<float[]> _spare = new();

        public float[] OutputGradient { get; } = new float[network.Output.Length];

        public float[] OutputBiasGradient { get; } = new float[network.Classes];

        public float[] HiddenBiasGradient { get; } = new float[network.Hidden];

        public Dictionary<int, float[]> InputGradients { get; } = [];

        /// <summary>Gradients of examples order[first], order[first + stride], … before end, replacing the last batch's.</summary>
        public void Accumulate(IReadOnlyList<SparseRow> rows, int[] labels, ulong[] keys, ulong salt, int[] order, int first, int end, int stride)
        {
            Clear();
            var (width, classes, keep) = (network.Hidden, network.Classes, 1f - options.HiddenDropout);
            for (var k = first; k < end; k += stride)
            {
                var row = rows[order[k]];
                network.Activate(row.Indices, row.Values, dense: false, _hidden);
                var stream = keys[order[k]] ^ salt;
                for (var h = 0; h < width; h++)
                {
                    _kept[h] = _hidden[h] > 0f && (Mix(stream + (ulong)h) >> 40) * (1f / (1 << 24)) < keep;
                    _hidden[h] = _kept[h] ? _hidden[h] / keep : 0f;
                }

                network.Scores(_hidden, _scores);
                TensorPrimitives.SoftMax(_scores, _scores);
                _scores[labels[order[k]]] -= 1f; // the gradient of cross-entropy with respect to the scores

                for (var h = 0; h < width; h++)
                {
                    _hiddenGradient[h] = 0f;
                    if (_kept[h])
                    {
                        var gradient = OutputGradient.AsSpan(h * classes, classes);
                        TensorPrimitives.MultiplyAdd(_scores, _hidden[h], gradient, gradient);
                        _hiddenGradient[h] = TensorPrimitives.Dot(network.Output.AsSpan(h * classes, classes), _scores) / keep;
                    }
                }

                TensorPrimitives.Add(OutputBiasGradient, _scores, OutputBiasGradient);
                TensorPrimitives.Add(HiddenBiasGradient, _hiddenGradient, HiddenBiasGradient);
                for (var i = 0; i < row.Indices.Length; i++)
                {
                    var gradient = InputGradient(row.Indices[i]);
                    TensorPrimitives.MultiplyAdd(_hiddenGradient, row.Values[i], gradient, gradient);
                }
            }
        }

        public void Add(Shard other)
        {
            TensorPrimitives.Add(OutputGradient, other.OutputGradient, OutputGradient);
            TensorPrimitives.Add(OutputBiasGradient, other.OutputBiasGradient, OutputBiasGradient);
            TensorPrimitives.Add(HiddenBiasGradient, other.HiddenBiasGradient, HiddenBiasGradient);
            foreach (var (feature, theirs) in other.InputGradients)
            {
                var ours = InputGradient(feature);
                TensorPrimitives.Add(ours, theirs, ours);
            }
        }

        private float[] InputGradient(int feature)
        {
            if (!InputGradients.TryGetValue(feature, out var gradient))
            {
                gradient = _spare.Count > 0 ? _spare.Pop() : new float[network.Hidden];
                InputGradients[feature] = gradient;
            }

            return gradient;
        }

        private void Clear()
        {
            Array.Clear(OutputGradient);
            Array.Clear(OutputBiasGradient);
            Array.Clear(HiddenBiasGradient);
            foreach (var gradient in InputGradients.Values)
            {
                Array.Clear(gradient);
                _spare.Push(gradient);
            }

            InputGradients.Clear();
        }
    }

    /// <summary>Adam's running first and second moments for one block of weights.</summary>
    private sealed class Moments(int length)
    {
        private readonly float[] _first = new float[length];
        private readonly float[] _second = new float[length];

        public void Step(Span<float> weights, ReadOnlySpan<float> gradient, int offset, float rate, float mean)
        {
            var first = _first.AsSpan(offset, weights.Length);
            var second = _second.AsSpan(offset, weights.Length);
            var i = 0;
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradient[i..]) * mean;
                var m = (new Vector<float>(first[i..]) * Beta1) + (g * (1f - Beta1));
                var v = (new Vector<float>(second[i..]) * Beta2) + (g * g * (1f - Beta2));
                m.CopyTo(first[i..]);
                v.CopyTo(second[i..]);
                (new Vector<float>(weights[i..]) - (m * rate / (Vector.SquareRoot(v) + new Vector<float>(Epsilon)))).CopyTo(weights[i..]);
            }

            for (; i < weights.Length; i++)
            {
                var g = gradient[i] * mean;
                first[i] = (first[i] * Beta1) + (g * (1f - Beta1));
                second[i] = (second[i] * Beta2) + (g * g * (1f - Beta2));
                weights[i] -= first[i] * rate / (MathF.Sqrt(second[i]) + Epsilon);
            }
        }
    }
}

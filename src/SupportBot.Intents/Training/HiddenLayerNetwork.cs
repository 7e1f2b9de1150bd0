using System.Numerics.Tensors;
using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>
/// A one-hidden-layer network (ReLU, then softmax) over the same feature vector the linear classifier reads. It
/// sees combinations of n-grams that a linear model cannot, which on the benchmarks is worth about a point of
/// accuracy; serving averages its probabilities with the linear model's. The input weights are stored as one
/// signed byte each with a scale per feature, so the model file grows by about features × hidden units bytes.
/// </summary>
internal sealed class HiddenLayerNetwork
{
    public const string EntryName = "supportbot/hidden-layer.bin";

    /// <summary>The zip entry of the k-th (0-based) network of an ensemble; the first keeps the single network's name.</summary>
    public static string EntryNameOf(int k) => k == 0 ? EntryName : $"supportbot/hidden-layer-{k + 1}.bin";
    private const int FormatVersion = 1;

    private readonly int _features;

    // Input weights feature by feature: one feature's weights for every hidden unit side by side. While training,
    // floats; once quantised, one signed byte each times its feature's scale, and the floats are dropped: a served
    // model's three networks held 59 MB of floats for 15 MB of information (issue 14's memory criterion).
    private float[]? _input;
    private sbyte[]? _quantised;
    private float[]? _scales;
    private readonly float[] _hiddenBias;

    // Output weights hidden unit by hidden unit: one unit's weights for every class side by side.
    private readonly float[] _output;
    private readonly float[] _outputBias;

    public HiddenLayerNetwork(int features, int hidden, int classes)
        : this(features, new float[hidden], new float[hidden * classes], new float[classes])
    {
        _input = new float[(long)features * hidden];
    }

    private HiddenLayerNetwork(int features, float[] hiddenBias, float[] output, float[] outputBias)
    {
        _features = features;
        _hiddenBias = hiddenBias;
        _output = output;
        _outputBias = outputBias;
    }

    public int Features => _features;

    public int Hidden => _hiddenBias.Length;

    public int Classes => _outputBias.Length;

    // The trainer updates these in place.
    internal float[] Input => _input ?? throw new InvalidOperationException("A quantised network's input weights are no longer floats.");

    internal float[] HiddenBias => _hiddenBias;

    internal float[] Output => _output;

    internal float[] OutputBias => _outputBias;

    public float[] Probabilities(in VBuffer<float> features)
    {
        var scores = Logits(features);
        TensorPrimitives.SoftMax(scores, scores);
        return scores;
    }

    /// <summary>Class scores before softmax: how much the message looks like each intent, not only which one wins.</summary>
    public float[] Logits(in VBuffer<float> features) => Logits(features, new float[Hidden]);

    /// <summary>Class scores before softmax, leaving the hidden units' ReLU activations in <paramref name="hidden"/>.</summary>
    public float[] Logits(in VBuffer<float> features, Span<float> hidden)
    {
        var scores = new float[Classes];
        Logits(features, hidden, scores);
        return scores;
    }

    /// <summary>Class scores before softmax into <paramref name="scores"/>, the ReLU activations left in <paramref name="hidden"/>.</summary>
    public void Logits(in VBuffer<float> features, Span<float> hidden, Span<float> scores)
    {
        Activate(features.GetIndices(), features.GetValues(), features.IsDense, hidden);
        Scores(hidden, scores);
    }

    /// <summary>Hidden-unit activations (before ReLU) for a sparse or dense feature vector; features the network never saw are skipped.</summary>
    internal void Activate(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, bool dense, Span<float> hidden)
    {
        _hiddenBias.CopyTo(hidden);
        var width = Hidden;
        Span<float> row = width <= 256 ? stackalloc float[width] : new float[width];
        for (var i = 0; i < values.Length; i++)
        {
            var feature = dense ? i : indices[i];
            if (feature >= _features)
            {
                continue;
            }

            if (_quantised is null)
            {
                TensorPrimitives.MultiplyAdd(_input.AsSpan(feature * width, width), values[i], hidden, hidden);
                continue;
            }

            // The same floats the weights were before (a byte times its scale), so a served model answers exactly as
            // the trained one did.
            QuantisedRow.AddTo(_quantised.AsSpan(feature * width, width), _scales![feature], values[i], hidden, row);
        }

        TensorPrimitives.Max(hidden, 0f, hidden);
    }

    /// <summary>ReLU activations for one training row.</summary>
    internal float[] Activations(SparseRow row)
    {
        var hidden = new float[Hidden];
        Activate(row.Indices, row.Values, dense: false, hidden);
        return hidden;
    }

    /// <summary>Class scores (before softmax) from ReLU activations.</summary>
    internal void Scores(ReadOnlySpan<float> hidden, Span<float> scores)
    {
        _outputBias.CopyTo(scores);
        var classes = Classes;
        for (var h = 0; h < hidden.Length; h++)
        {
            if (hidden[h] != 0f)
            {
                TensorPrimitives.MultiplyAdd(_output.AsSpan(h * classes, classes), hidden[h], scores, scores);
            }
        }
    }

    /// <summary>
    /// Rounds the input weights to what the file holds (a signed byte times a per-feature scale) and keeps only
    /// that, so the trained model answers exactly as it will after saving and loading.
    /// </summary>
    public void Quantise()
    {
        if (_input is null)
        {
            return;
        }

        var width = Hidden;
        var (quantised, scales) = (new sbyte[_input.Length], new float[_features]);
        for (var f = 0; f < _features; f++)
        {
            var row = _input.AsSpan(f * width, width);
            var scale = TensorPrimitives.MaxMagnitude(row) / 127f;
            scales[f] = scale;
            for (var h = 0; h < width; h++)
            {
                quantised[(f * width) + h] = scale == 0f ? (sbyte)0 : (sbyte)Math.Clamp(MathF.Round(row[h] / scale), -127f, 127f);
            }
        }

        (_quantised, _scales, _input) = (quantised, scales, null);
    }

    public void Write(Stream stream)
    {
        Quantise();
        using var writer = new BinaryWriter(stream);
        writer.Write(FormatVersion);
        writer.Write(Features);
        writer.Write(Hidden);
        writer.Write(Classes);
        var width = Hidden;
        for (var f = 0; f < _features; f++)
        {
            writer.Write(_scales![f]);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_quantised.AsSpan(f * width, width)));
        }

        WriteFloats(writer, _hiddenBias);
        WriteFloats(writer, _output);
        WriteFloats(writer, _outputBias);
    }

    public static HiddenLayerNetwork Read(Stream stream, string name)
    {
        using var reader = new BinaryReader(stream);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{name}: hidden-layer format v{version} is not known to this build (v{FormatVersion}).");
        }

        var (features, hidden, classes) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (features <= 0 || hidden <= 0 || classes <= 0 || (long)features * hidden > int.MaxValue)
        {
            throw new InvalidDataException($"{name}: the hidden layer's shape {features}×{hidden}×{classes} is not valid.");
        }

        var network = new HiddenLayerNetwork(features, new float[hidden], new float[hidden * classes], new float[classes])
        {
            _quantised = new sbyte[features * hidden],
            _scales = new float[features],
        };
        for (var f = 0; f < features; f++)
        {
            network._scales[f] = reader.ReadSingle();
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(network._quantised.AsSpan(f * hidden, hidden)));
        }

        ReadFloats(reader, network._hiddenBias);
        ReadFloats(reader, network._output);
        ReadFloats(reader, network._outputBias);
        return network;
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static void ReadFloats(BinaryReader reader, float[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }
    }
}

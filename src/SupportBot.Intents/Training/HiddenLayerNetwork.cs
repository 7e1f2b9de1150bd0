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

    // Input weights feature by feature: one feature's weights for every hidden unit side by side.
    private readonly float[] _input;
    private readonly float[] _hiddenBias;

    // Output weights hidden unit by hidden unit: one unit's weights for every class side by side.
    private readonly float[] _output;
    private readonly float[] _outputBias;

    // Per-feature scales of the signed-byte input weights, once quantised.
    private float[]? _scales;

    public HiddenLayerNetwork(int features, int hidden, int classes)
        : this(new float[(long)features * hidden], new float[hidden], new float[hidden * classes], new float[classes])
    {
    }

    private HiddenLayerNetwork(float[] input, float[] hiddenBias, float[] output, float[] outputBias)
    {
        _input = input;
        _hiddenBias = hiddenBias;
        _output = output;
        _outputBias = outputBias;
    }

    public int Features => _input.Length / Hidden;

    public int Hidden => _hiddenBias.Length;

    public int Classes => _outputBias.Length;

    // The trainer updates these in place.
    internal float[] Input => _input;

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
        Activate(features.GetIndices(), features.GetValues(), features.IsDense, hidden);
        var scores = new float[Classes];
        Scores(hidden, scores);
        return scores;
    }

    /// <summary>Hidden-unit activations (before ReLU) for a sparse or dense feature vector; features the network never saw are skipped.</summary>
    internal void Activate(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, bool dense, Span<float> hidden)
    {
        _hiddenBias.CopyTo(hidden);
        var width = Hidden;
        for (var i = 0; i < values.Length; i++)
        {
            var feature = dense ? i : indices[i];
            if (feature < Features)
            {
                TensorPrimitives.MultiplyAdd(_input.AsSpan(feature * width, width), values[i], hidden, hidden);
            }
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
    /// Rounds the input weights to what the file can hold (a signed byte times a per-feature scale), so the trained
    /// model answers exactly as it will after saving and loading.
    /// </summary>
    public void Quantise()
    {
        _scales = new float[Features];
        for (var f = 0; f < Features; f++)
        {
            var row = _input.AsSpan(f * Hidden, Hidden);
            var scale = TensorPrimitives.MaxMagnitude(row) / 127f;
            _scales[f] = scale;
            for (var h = 0; h < row.Length; h++)
            {
                row[h] = scale == 0f ? 0f : Math.Clamp(MathF.Round(row[h] / scale), -127f, 127f) * scale;
            }
        }
    }

    public void Write(Stream stream)
    {
        if (_scales is null)
        {
            Quantise();
        }

        using var writer = new BinaryWriter(stream);
        writer.Write(FormatVersion);
        writer.Write(Features);
        writer.Write(Hidden);
        writer.Write(Classes);
        var quantised = new sbyte[Hidden];
        for (var f = 0; f < Features; f++)
        {
            var row = _input.AsSpan(f * Hidden, Hidden);
            var scale = _scales![f];
            writer.Write(scale);
            for (var h = 0; h < row.Length; h++)
            {
                quantised[h] = scale == 0f ? (sbyte)0 : (sbyte)MathF.Round(row[h] / scale);
            }

            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(quantised.AsSpan()));
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

        var network = new HiddenLayerNetwork(features, hidden, classes) { _scales = new float[features] };
        var quantised = new byte[hidden];
        for (var f = 0; f < features; f++)
        {
            var scale = reader.ReadSingle();
            network._scales[f] = scale;
            reader.BaseStream.ReadExactly(quantised);
            var row = network._input.AsSpan(f * hidden, hidden);
            for (var h = 0; h < hidden; h++)
            {
                row[h] = (sbyte)quantised[h] * scale;
            }
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

using System.Numerics.Tensors;

namespace SupportBot.Intents;

/// <summary>
/// The hidden layers' activations of training examples, intent by intent, for <see cref="Rejection.Neighbours"/>: how
/// close a message comes to the nearest example of the intent it was given. Each activation is stored at unit length
/// as one signed byte per unit; at most <see cref="IntentTrainerOptions.NeighboursPerIntent"/> examples per intent.
/// </summary>
internal sealed class NeighbourIndex
{
    public const string EntryName = "supportbot/neighbours.bin";
    private const int FormatVersion = 1;

    // [network][intent] → that intent's examples, one after another, Hidden bytes each: what the file holds.
    private readonly sbyte[][][] _rows;

    // The same as floats (byte / 127), so serving's dot products run on SIMD.
    private readonly float[][][] _unit;
    private readonly int[] _widths;

    private NeighbourIndex(sbyte[][][] rows, int[] widths)
    {
        _rows = rows;
        _widths = widths;
        _unit = [.. rows.Select(network => network.Select(examples => examples.Select(b => b / 127f).ToArray()).ToArray())];
    }

    public int Networks => _widths.Length;

    public int Classes => _rows.Length == 0 ? 0 : _rows[0].Length;

    /// <summary>
    /// From the activations of the training examples (<paramref name="activations"/>[network][example]) and their
    /// intents; an intent with more examples keeps an even spread of them (every n-th), so the file stays bounded.
    /// </summary>
    public static NeighbourIndex Build(IReadOnlyList<IReadOnlyList<float[]>> activations, IReadOnlyList<int> labels, int classes, int perIntent)
    {
        var byClass = Enumerable.Range(0, classes).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < labels.Count; i++)
        {
            byClass[labels[i]].Add(i);
        }

        var kept = byClass.Select(members => members.Count <= perIntent
            ? members
            : [.. Enumerable.Range(0, perIntent).Select(j => members[(int)((long)j * members.Count / perIntent)])]).ToArray();
        var rows = new sbyte[activations.Count][][];
        var widths = new int[activations.Count];
        for (var k = 0; k < activations.Count; k++)
        {
            widths[k] = activations[k].Count == 0 ? 0 : activations[k][0].Length;
            rows[k] = new sbyte[classes][];
            for (var c = 0; c < classes; c++)
            {
                rows[k][c] = new sbyte[kept[c].Count * widths[k]];
                for (var j = 0; j < kept[c].Count; j++)
                {
                    Quantise(activations[k][kept[c][j]], rows[k][c].AsSpan(j * widths[k], widths[k]));
                }
            }
        }

        return new NeighbourIndex(rows, widths);
    }

    /// <summary>The highest cosine similarity between <paramref name="hidden"/> (network <paramref name="network"/>'s activations) and a stored example of <paramref name="intent"/>.</summary>
    public float Nearest(int network, int intent, ReadOnlySpan<float> hidden)
    {
        var width = _widths[network];
        var norm = TensorPrimitives.Norm(hidden);
        var examples = _unit[network][intent];
        if (norm == 0f || examples.Length == 0)
        {
            return 0f;
        }

        var best = float.NegativeInfinity;
        for (var start = 0; start < examples.Length; start += width)
        {
            best = Math.Max(best, TensorPrimitives.Dot(examples.AsSpan(start, width), hidden));
        }

        // The stored unit vectors are bytes over 127, whose rounding can put a cosine a few ten-thousandths over 1.
        return Math.Min(best / norm, 1f);
    }

    private static void Quantise(float[] activation, Span<sbyte> into)
    {
        var norm = TensorPrimitives.Norm(activation);
        for (var h = 0; h < into.Length; h++)
        {
            into[h] = norm == 0f ? (sbyte)0 : (sbyte)Math.Clamp(MathF.Round(activation[h] / norm * 127f), -127f, 127f);
        }
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream);
        writer.Write(FormatVersion);
        writer.Write(Networks);
        writer.Write(Classes);
        for (var k = 0; k < Networks; k++)
        {
            writer.Write(_widths[k]);
            foreach (var examples in _rows[k])
            {
                writer.Write(examples.Length / Math.Max(1, _widths[k]));
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(examples.AsSpan()));
            }
        }
    }

    public static NeighbourIndex Read(Stream stream, string name)
    {
        using var reader = new BinaryReader(stream);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{name}: neighbour index format v{version} is not known to this build (v{FormatVersion}).");
        }

        var (networks, classes) = (reader.ReadInt32(), reader.ReadInt32());
        if (networks <= 0 || classes <= 0)
        {
            throw new InvalidDataException($"{name}: the neighbour index's shape {networks}×{classes} is not valid.");
        }

        var rows = new sbyte[networks][][];
        var widths = new int[networks];
        for (var k = 0; k < networks; k++)
        {
            widths[k] = reader.ReadInt32();
            rows[k] = new sbyte[classes][];
            for (var c = 0; c < classes; c++)
            {
                var count = reader.ReadInt32();
                if (widths[k] <= 0 || count < 0 || (long)count * widths[k] > int.MaxValue)
                {
                    throw new InvalidDataException($"{name}: the neighbour index's intent {c} of network {k} is not valid.");
                }

                rows[k][c] = new sbyte[count * widths[k]];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows[k][c].AsSpan()));
            }
        }

        return new NeighbourIndex(rows, widths);
    }
}

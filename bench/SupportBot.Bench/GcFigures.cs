using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// The server's managed heap after its last garbage collection, from .NET's runtime meter on its /metrics (so
/// nothing needs attaching to the process): its size over all generations (what survived, with the gaps between),
/// and the memory the GC holds committed for it. RSS minus committed is what lies outside the managed heap (code, native buffers, stacks).
/// </summary>
internal readonly record struct GcFigures(double HeapMb, double CommittedMb)
{
    private const string HeapSize = "dotnet_gc_last_collection_heap_size_bytes";
    private const string Committed = "dotnet_gc_last_collection_memory_committed_size_bytes";

    /// <summary>Null when /metrics cannot be read or has no runtime meter.</summary>
    public static async Task<GcFigures?> ReadAsync(HttpClient http, string baseUrl)
    {
        try
        {
            return Parse(await http.GetStringAsync($"{baseUrl}/metrics"));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Sums each series of the two metrics (the heap size has one per generation) in Prometheus' text format.</summary>
    public static GcFigures? Parse(string metrics)
    {
        double heap = 0, committed = 0;
        var found = false;
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(HeapSize, StringComparison.Ordinal) && Value(line) is { } h)
            {
                (heap, found) = (heap + h, true);
            }
            else if (line.StartsWith(Committed, StringComparison.Ordinal) && Value(line) is { } c)
            {
                committed += c;
            }
        }

        return found ? new GcFigures(heap / 1024 / 1024, committed / 1024 / 1024) : null;
    }

    /// <summary>"name{labels} value [timestamp]": the value is the first field after the name and its labels.</summary>
    internal static double? Value(string line)
    {
        var start = line.Contains('{', StringComparison.Ordinal) ? line.LastIndexOf('}') + 1 : line.IndexOf(' ', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var fields = line[start..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 0 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}

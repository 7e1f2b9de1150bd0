using System.Diagnostics;

namespace SupportBot.Bench;

/// <summary>
/// The server's garbage collections so far, from .NET's runtime meter on its /metrics: how long they paused every
/// thread in all, and how many there were. Two readings a window apart give the pauses turns waited behind, which a
/// CPU figure does not show: a collection that copies a large survivor costs little CPU and stops every turn for its
/// length (issue 15's archive cost was that).
/// </summary>
internal sealed record GcCounters(double PausedSeconds, double Collections, long Timestamp)
{
    private const string Paused = "dotnet_gc_pause_time_seconds_total";
    private const string Count = "dotnet_gc_collections_total";

    /// <summary>Null when /metrics cannot be read or has no runtime meter.</summary>
    public static async Task<GcCounters?> ReadAsync(HttpClient http, string baseUrl, CancellationToken cancellationToken = default)
    {
        try
        {
            return Parse(await http.GetStringAsync($"{baseUrl}/metrics", cancellationToken), Stopwatch.GetTimestamp());
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The pause total and the collections summed over their generations, in Prometheus' text format.</summary>
    public static GcCounters? Parse(string metrics, long timestamp)
    {
        double? paused = null;
        double collections = 0;
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(Paused, StringComparison.Ordinal) && GcFigures.Value(line) is { } p)
            {
                paused = p;
            }
            else if (line.StartsWith(Count, StringComparison.Ordinal) && GcFigures.Value(line) is { } c)
            {
                collections += c;
            }
        }

        return paused is { } total ? new GcCounters(total, collections, timestamp) : null;
    }

    /// <summary>Milliseconds paused a second and collections a second between two readings; null when either is missing.</summary>
    public static (double PausedMsPerSecond, double CollectionsPerSecond)? Between(GcCounters? start, GcCounters? end)
    {
        if (start is null || end is null || end.Timestamp <= start.Timestamp)
        {
            return null;
        }

        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        return (Math.Round((end.PausedSeconds - start.PausedSeconds) * 1000 / seconds, 2), Math.Round((end.Collections - start.Collections) / seconds, 2));
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// The server's RSS sampled every few seconds through a run, so "memory stays flat" is a figure: the least-squares
/// slope in MB a minute over the samples from a given moment on (the measured window, after the warm-up).
/// </summary>
internal sealed class MemorySeries(IReadOnlyList<int> serverPids, TimeSpan every)
{
    private readonly List<(double Seconds, double RssMb)> _samples = [];

    public IReadOnlyList<(double Seconds, double RssMb)> Samples => _samples;

    /// <summary>Samples until cancelled, the first at once; seconds count from the start of this call.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(every);
        try
        {
            do
            {
                if (ProcessFigures.Read(serverPids) is not { } now)
                {
                    return;
                }

                Add(Stopwatch.GetElapsedTime(start).TotalSeconds, now.RssKb / 1024.0);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    internal void Add(double seconds, double rssMb) => _samples.Add((seconds, rssMb));

    /// <summary>MB a minute, by least squares over the samples from <paramref name="fromSeconds"/> to <paramref name="toSeconds"/>; null under three.</summary>
    public double? SlopeMbPerMinute(double fromSeconds, double toSeconds = double.MaxValue)
    {
        var points = Window(fromSeconds, toSeconds);
        if (points.Count < 3)
        {
            return null;
        }

        var meanX = points.Average(p => p.Seconds);
        var meanY = points.Average(p => p.RssMb);
        var covariance = points.Sum(p => (p.Seconds - meanX) * (p.RssMb - meanY));
        var variance = points.Sum(p => (p.Seconds - meanX) * (p.Seconds - meanX));
        return covariance / variance * 60;
    }

    private List<(double Seconds, double RssMb)> Window(double fromSeconds, double toSeconds) =>
        _samples.Where(s => s.Seconds >= fromSeconds && s.Seconds <= toSeconds).ToList();

    /// <summary>The series, then the measured window's (sending, after the warm-up; not the drain after it) figures.</summary>
    public void Write(TextWriter output, double measureFromSeconds, double measureToSeconds)
    {
        var measured = Window(measureFromSeconds, measureToSeconds);
        output.WriteLine($"  RSS every {every.TotalSeconds:0} s (MB, s from the first send; * = measured window):");
        output.WriteLine("    " + string.Join(" ", _samples.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:0}:{s.RssMb:0}{(s.Seconds >= measureFromSeconds && s.Seconds <= measureToSeconds ? "*" : "")}"))));
        if (measured.Count > 0)
        {
            var slope = SlopeMbPerMinute(measureFromSeconds, measureToSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  RSS measured window: min {measured.Min(s => s.RssMb):0} MB, max {measured.Max(s => s.RssMb):0} MB, " +
                $"first {measured[0].RssMb:0} MB, last {measured[^1].RssMb:0} MB; slope {(slope is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "-")} MB/min"));
        }
    }
}

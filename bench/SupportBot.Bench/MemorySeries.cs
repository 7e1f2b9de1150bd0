using System.Diagnostics;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// The server's RSS sampled every few seconds through a run, so "memory stays flat" is a figure: the least-squares
/// slope in MB a minute over the samples from a given moment on (the measured window, after the warm-up).
/// </summary>
internal sealed class MemorySeries(int serverPid, TimeSpan every)
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
                if (ProcessFigures.Read(serverPid) is not { } now)
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

    /// <summary>MB a minute, by least squares over the samples at or after <paramref name="fromSeconds"/>; null under three.</summary>
    public double? SlopeMbPerMinute(double fromSeconds)
    {
        var points = _samples.Where(s => s.Seconds >= fromSeconds).ToList();
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

    public void Write(TextWriter output, double measureFromSeconds)
    {
        var measured = _samples.Where(s => s.Seconds >= measureFromSeconds).ToList();
        output.WriteLine($"  RSS every {every.TotalSeconds:0} s (MB, s from the first send; * = measured window):");
        output.WriteLine("    " + string.Join(" ", _samples.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:0}:{s.RssMb:0}{(s.Seconds >= measureFromSeconds ? "*" : "")}"))));
        if (measured.Count > 0)
        {
            var slope = SlopeMbPerMinute(measureFromSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  RSS measured window: min {measured.Min(s => s.RssMb):0} MB, max {measured.Max(s => s.RssMb):0} MB, " +
                $"first {measured[0].RssMb:0} MB, last {measured[^1].RssMb:0} MB; slope {(slope is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "-")} MB/min"));
        }
    }
}

using System.Diagnostics;

namespace SupportBot.Cli;

/// <summary>
/// Progress on standard error, so standard output stays clean for results (--json): a line that rewrites itself
/// with a count, a rate and an estimate on a terminal, plain lines when redirected.
/// </summary>
internal sealed class ConsoleProgress(string what, int total = 0) : IProgress<int>, IProgress<string>, IProgress<(int Done, int Total)>
{
    private int _total = total;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw;

    /// <summary>Progress where the total is learnt along the way.</summary>
    public void Report((int Done, int Total) value)
    {
        _total = value.Total;
        Report(value.Done);
    }

    public void Report(int done)
    {
        var total = _total;
        if (Console.IsErrorRedirected || (done < total && _clock.ElapsedMilliseconds - _lastDraw < 200))
        {
            return;
        }

        _lastDraw = _clock.ElapsedMilliseconds;
        var seconds = _clock.Elapsed.TotalSeconds;
        var eta = done > 0 && total > done ? $", about {(total - done) * seconds / done:0}s left" : "";
        Console.Error.Write($"\r  {what}: {done}{(total > 0 ? $"/{total}" : "")} ({done / Math.Max(seconds, 0.001):0}/s{eta})   ");
        if (done >= total && total > 0)
        {
            Console.Error.WriteLine();
        }
    }

    public void Report(string step) => Console.Error.WriteLine($"  [{_clock.Elapsed:mm\\:ss}] {step}");
}

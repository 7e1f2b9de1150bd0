using System.Diagnostics;

namespace SupportBot.IntentBench;

/// <summary>
/// Progress on standard error with a time estimate: each step's cost is its number of examples fitted, and the time
/// left is the cost left at the rate seen so far.
/// </summary>
internal sealed class BenchProgress(double totalCost)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _done;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Note(string message) => Console.Error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {message}");

    public void Done(double cost, string message)
    {
        _done += cost;
        var left = _done > 0 && totalCost > _done ? TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (totalCost - _done) / _done) : TimeSpan.Zero;
        Note($"{message}{(left > TimeSpan.Zero ? $" (about {left:mm\\:ss} left)" : "")}");
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SupportBot.IntentBench;

/// <summary>
/// One-prediction latency on this thread: a warm-up long enough for the JIT's second tier to replace the first-tier
/// code (a few hundred calls are not: they measured twice the steady-state time), then each call timed on its own
/// over the texts in turn (cycled when there are fewer than asked for). Nearest-rank percentiles in microseconds.
/// </summary>
internal static class LatencyProbe
{
    public const int Predictions = 2000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static (double P50, double P99) Measure(IReadOnlyList<string> texts, Action<string> predict)
    {
        var warming = Stopwatch.StartNew();
        for (var i = 0; warming.Elapsed < WarmUp; i++)
        {
            predict(texts[i % texts.Count]);
        }

        GC.Collect();
        var micros = new double[Predictions];
        for (var i = 0; i < Predictions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            predict(texts[i % texts.Count]);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        return (Rank(micros, 50), Rank(micros, 99));
    }

    /// <summary>
    /// The same, timed by the CPU this thread spent (Linux's per-thread clock) rather than by the wall clock: on a busy
    /// machine the wall clock's p99 is the scheduler's time slice, not the prediction; this is close to what a quiet
    /// machine's wall clock shows (cache misses from neighbours still count).
    /// </summary>
    public static (double P50, double P99) MeasureCpu(IReadOnlyList<string> texts, Action<string> predict)
    {
        Measure(texts, predict); // warm-up
        var micros = new double[Predictions];
        for (var i = 0; i < Predictions; i++)
        {
            var start = ThreadCpuMicros();
            predict(texts[i % texts.Count]);
            micros[i] = ThreadCpuMicros() - start;
        }

        Array.Sort(micros);
        return (Rank(micros, 50), Rank(micros, 99));
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadCpuMicros() =>
        ClockGetTime(ClockThreadCpuTime, out var t) == 0 ? (t.Seconds * 1e6) + (t.Nanoseconds / 1e3) : double.NaN;

    private static double Rank(double[] sorted, double percent) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}

using System.Diagnostics;

namespace SupportBot.Bench;

/// <summary>
/// When a run measures and stops (Stopwatch timestamps), and the gap between one conversation's sends;
/// a zero gap means closed loop.
/// </summary>
internal sealed record TurnSchedule(long MeasureFrom, long StopAt, long Interval)
{
    public bool IsClosedLoop => Interval == 0;

    public static TurnSchedule Start(DirectLineSettings settings, long start) => new(
        MeasureFrom: start + Ticks(settings.WarmupSeconds),
        StopAt: start + Ticks(settings.WarmupSeconds + settings.DurationSeconds),
        Interval: settings.IsClosedLoop ? 0 : Ticks(settings.Conversations / settings.Rate));

    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}

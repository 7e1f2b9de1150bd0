namespace SupportBot.Insights.Archive;

/// <summary>
/// Archive:ActivitiesPerSecond: the worker's copies spread evenly in time rather than in bursts that take the cores
/// from customers' turns. A copy of n activities keeps the next copy from starting until n / rate after its own start;
/// time the worker spends idle is not banked, so a backlog that turns up after a quiet hour is copied at the same pace.
/// One worker a process calls it, one copy at a time.
/// </summary>
public sealed class ArchivePace(int activitiesPerSecond, TimeProvider clock)
{
    private long _next;
    private long _start;

    /// <summary>
    /// Waits until the next copy may start; false, without waiting, when that is at or after <paramref name="deadline"/>
    /// (a <see cref="TimeProvider.GetTimestamp"/> value).
    /// </summary>
    public async Task<bool> WaitAsync(long deadline, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        _start = Math.Max(now, _next);
        if (_start >= deadline)
        {
            return false;
        }

        if (_start > now)
        {
            await Task.Delay(clock.GetElapsedTime(now, _start), clock, cancellationToken);
        }

        return true;
    }

    /// <summary>The copy that started after the last wait took <paramref name="activities"/>.</summary>
    public void Copied(int activities)
    {
        if (activitiesPerSecond > 0)
        {
            _next = _start + (long)((double)activities * clock.TimestampFrequency / activitiesPerSecond);
        }
    }
}

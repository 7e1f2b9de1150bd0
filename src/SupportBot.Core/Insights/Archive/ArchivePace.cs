namespace SupportBot.Insights.Archive;

/// <summary>
/// The worker's pace. It follows the backlog: what is due, at the recent size of a copy, spread over the time the pass
/// has left, between <see cref="Slowest"/> and <paramref name="fastest"/> activities a second (0: no pace at all).
/// Copies are even: one of n activities keeps the next from starting until n / pace after its own start; time the
/// worker spends idle is not banked, so a backlog that turns up after a quiet hour is not copied in a burst. One
/// worker a process calls it, one copy at a time.
/// </summary>
public sealed class ArchivePace(int fastest, TimeProvider clock)
{
    private long _next;
    private long _start;

    // Activities a copied conversation brought, averaged over recent copies: what a due conversation is guessed to hold
    // (20 until the first copy says).
    private double _activitiesPerConversation = 20;
    private bool _measured;

    /// <summary>The slowest pace a backlog sets by default, activities a second.</summary>
    public const double DefaultSlowest = 500;

    /// <summary>The slowest pace a backlog sets, activities a second (or the fastest, when that is lower).</summary>
    public double Slowest { get; init; } = DefaultSlowest;

    /// <summary>Activities a second now; 0 = no pace.</summary>
    public double ActivitiesPerSecond { get; private set; } = fastest;

    /// <summary>Sets the pace that copies <paramref name="dueConversations"/> by <paramref name="deadline"/> (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public void Follow(long dueConversations, long deadline)
    {
        if (fastest > 0)
        {
            // A second short of the deadline, so the last copy is not the one the deadline turns back.
            var seconds = Math.Max(clock.GetElapsedTime(clock.GetTimestamp(), deadline).TotalSeconds - 1, 0.1);
            ActivitiesPerSecond = Math.Clamp(dueConversations * _activitiesPerConversation / seconds, Math.Min(Slowest, fastest), fastest);
        }
    }

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

    /// <summary>
    /// The copy that started after the last wait took <paramref name="activities"/>; the <paramref name="finished"/>
    /// conversations it finished held <paramref name="finishedActivities"/> in all (a long one is copied in parts, so a
    /// copy may finish none, or one that earlier copies began).
    /// </summary>
    public void Copied(int activities, int finished, long finishedActivities)
    {
        if (finished > 0)
        {
            var size = (double)finishedActivities / finished;
            _activitiesPerConversation = _measured ? (_activitiesPerConversation + size) / 2 : size;
            _measured = true;
        }

        if (ActivitiesPerSecond > 0)
        {
            _next = _start + (long)(activities * clock.TimestampFrequency / ActivitiesPerSecond);
        }
    }
}

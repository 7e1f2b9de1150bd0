namespace SupportBot.Handoff.Queue;

/// <summary>
/// How long agents actually take over a chat, for the customer's wait estimate: the mean from claim to end of the
/// chats that ended in the last day, once there are enough of them; until then Handoff:AverageHandleTime. Cached
/// for a minute, as it is read on every hand-off and queue pass.
/// </summary>
public sealed class HandleTimes(IHandoffStore store, HandoffOptions options, TimeProvider clock)
{
    /// <summary>Ended chats needed before the measured mean replaces the configured one.</summary>
    public const int MinimumSamples = 5;

    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private volatile Cached? _cached; // one reference, so concurrent turns never read half an update

    public async Task<TimeSpan> AverageAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } cached && now - cached.At < CacheFor)
        {
            return cached.Value;
        }

        var handled = (await store.EndedAsync(now - Window, now + TimeSpan.FromSeconds(1), cancellationToken))
            .Where(r => r is { Stage: HandoffStage.Closed or HandoffStage.ReturnedToBot, ClaimedAt: not null, EndedAt: not null })
            .Select(r => r.EndedAt!.Value - r.ClaimedAt!.Value)
            .Where(t => t > TimeSpan.Zero)
            .ToList();

        // A handful of chats says little, and one forgotten tab left open overnight should not set everyone's wait.
        var average = handled.Count >= MinimumSamples
            ? TimeSpan.FromTicks(Math.Clamp((long)handled.Average(t => t.Ticks), TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks))
            : options.AverageHandleTime;
        _cached = new Cached(average, now);
        return average;
    }

    private sealed record Cached(TimeSpan Value, DateTimeOffset At);
}

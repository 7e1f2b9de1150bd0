namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A wall clock that stands still until the test moves it on, so every time the server stamps is known to the
/// millisecond; its timers (the archive worker, heartbeats) still run in real time.
/// </summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));
}

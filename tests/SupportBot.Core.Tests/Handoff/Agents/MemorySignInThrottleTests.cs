using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

public class MemorySignInThrottleTests : SignInThrottleContract
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override ISignInThrottle CreateThrottle() => new MemorySignInThrottle(Options.Create(Limits), _clock);

    protected override Task PassTimeAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

using Microsoft.Extensions.Time.Testing;
using SupportBot.Agents;

namespace SupportBot.Tests.Agents;

public class MemorySignInAttemptsTests : SignInAttemptsContract
{
    private readonly FakeTimeProvider _clock = new();

    protected override ISignInAttempts CreateAttempts() => new MemorySignInAttempts(_clock);

    protected override Task PassTimeAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

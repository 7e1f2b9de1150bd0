using Microsoft.Extensions.Time.Testing;
using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

public class MemoryAgentSessionsTests : AgentSessionsContract
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override IAgentSessions CreateSessions() => new MemoryAgentSessions(_clock);

    protected override IAgentAccounts CreateAccounts(IAgentSessions sessions) => new MemoryAgentAccounts(sessions);

    [Fact]
    public async Task ASessionLapsesWithItsToken()
    {
        var sessions = CreateSessions();
        var session = Session("anna");
        await sessions.StartAsync(session);

        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Null(await sessions.FindAsync(session.Id));
        Assert.Empty(await sessions.ListAsync());
        Assert.False(await sessions.EndAsync(session.Id));
    }
}

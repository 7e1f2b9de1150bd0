using System.Globalization;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Tests.Handoff.Agents;

public class RedisAgentPresenceServerTests : AgentPresenceContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override IAgentPresence CreatePresence() => new RedisAgentPresence(RedisTestServer.Connect(), new RedisKeys(_prefix));

    [Fact]
    public async Task AgentsConnectedToDifferentProcessesAreOnlineForBoth()
    {
        using var otherConnection = await RedisTestServer.ConnectAnotherAsync();
        var first = CreatePresence();
        var second = new RedisAgentPresence(otherConnection, new RedisKeys(_prefix));
        var now = DateTimeOffset.Parse("2026-11-22T10:00:00Z", CultureInfo.InvariantCulture);

        await first.ConnectedAsync("anna", "c1", now);
        await second.ConnectedAsync("anna", "c2", now);
        await second.ConnectedAsync("bo", "c3", now);

        Assert.Equal(
            [new AgentPresence("anna", AgentStatus.Available, 2), new AgentPresence("bo", AgentStatus.Available, 1)],
            await first.OnlineAsync(now, TimeSpan.FromSeconds(45)));
    }
}

using System.Globalization;
using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

/// <summary>What every <see cref="IAgentPresence"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class AgentPresenceContract
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-22T10:00:00Z", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    protected abstract IAgentPresence CreatePresence();

    [Fact]
    public async Task AConnectedAgentIsOnlineAndAvailable()
    {
        var presence = CreatePresence();

        await presence.ConnectedAsync("anna", "c1", T0);

        Assert.Equal([new AgentPresence("anna", AgentStatus.Available, 1)], await presence.OnlineAsync(T0.AddSeconds(1), Timeout));
    }

    [Fact]
    public async Task EveryConnectionOfAnAgentCounts()
    {
        var presence = CreatePresence();

        await presence.ConnectedAsync("anna", "c1", T0);
        await presence.ConnectedAsync("anna", "c2", T0);
        await presence.ConnectedAsync("bo", "c3", T0);

        Assert.Equal(
            [new AgentPresence("anna", AgentStatus.Available, 2), new AgentPresence("bo", AgentStatus.Available, 1)],
            await presence.OnlineAsync(T0, Timeout));
    }

    [Fact]
    public async Task DisconnectingRemovesThatConnectionOnly()
    {
        var presence = CreatePresence();
        await presence.ConnectedAsync("anna", "c1", T0);
        await presence.ConnectedAsync("anna", "c2", T0);

        await presence.DisconnectedAsync("anna", "c1");
        Assert.Equal([new AgentPresence("anna", AgentStatus.Available, 1)], await presence.OnlineAsync(T0, Timeout));

        await presence.DisconnectedAsync("anna", "c2");
        Assert.Empty(await presence.OnlineAsync(T0, Timeout));
    }

    [Fact]
    public async Task AConnectionNotRefreshedWithinTheTimeoutIsGone()
    {
        var presence = CreatePresence();
        await presence.ConnectedAsync("anna", "c1", T0);

        Assert.Single(await presence.OnlineAsync(T0 + Timeout - TimeSpan.FromSeconds(1), Timeout));
        Assert.Empty(await presence.OnlineAsync(T0 + Timeout, Timeout));
    }

    [Fact]
    public async Task ARefreshedConnectionStaysWhileAnUnrefreshedOneLapses()
    {
        var presence = CreatePresence();
        await presence.ConnectedAsync("anna", "c1", T0);
        await presence.ConnectedAsync("anna", "c2", T0);
        await presence.ConnectedAsync("bo", "c3", T0);

        await presence.RefreshAsync([("anna", "c1"), ("bo", "c3")], T0.AddSeconds(30));
        await presence.RefreshAsync([], T0.AddSeconds(31));

        Assert.Equal(
            [new AgentPresence("anna", AgentStatus.Available, 1), new AgentPresence("bo", AgentStatus.Available, 1)],
            await presence.OnlineAsync(T0.AddSeconds(60), Timeout));
    }

    [Fact]
    public async Task TheStatusStaysSetAcrossReconnects()
    {
        var presence = CreatePresence();
        await presence.SetStatusAsync("anna", AgentStatus.Away);

        await presence.ConnectedAsync("anna", "c1", T0);
        Assert.Equal(AgentStatus.Away, Assert.Single(await presence.OnlineAsync(T0, Timeout)).Status);
        await presence.DisconnectedAsync("anna", "c1");
        await presence.ConnectedAsync("anna", "c2", T0.AddMinutes(5));
        Assert.Equal(AgentStatus.Away, Assert.Single(await presence.OnlineAsync(T0.AddMinutes(5), Timeout)).Status);

        await presence.SetStatusAsync("anna", AgentStatus.Available);
        Assert.Equal(AgentStatus.Available, Assert.Single(await presence.OnlineAsync(T0.AddMinutes(5), Timeout)).Status);
    }

    [Fact]
    public async Task AStatusIsPerAgent()
    {
        var presence = CreatePresence();
        await presence.ConnectedAsync("anna", "c1", T0);
        await presence.ConnectedAsync("bo", "c2", T0);

        await presence.SetStatusAsync("bo", AgentStatus.Away);

        Assert.Equal([AgentStatus.Available, AgentStatus.Away], (await presence.OnlineAsync(T0, Timeout)).Select(p => p.Status));
    }
}

using System.Collections.Concurrent;
using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

/// <summary>
/// What every <see cref="IAgentSessions"/> must do, and what the account store beside it must do to it: run against
/// the in-memory twins and against real Redis.
/// </summary>
public abstract class AgentSessionsContract
{
    protected abstract IAgentSessions CreateSessions();

    protected abstract IAgentAccounts CreateAccounts(IAgentSessions sessions);

    protected static AgentSession Session(string agentId, int minutesAgo = 0) => new(
        AgentSession.NewId(), agentId, agentId.ToUpperInvariant(), [AgentRoles.Agent],
        DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), DateTimeOffset.UtcNow.AddHours(1), "203.0.113.7");

    private static AgentAccount Account(string id) => new()
    {
        Id = id,
        Name = id,
        PasswordHash = "pbkdf2-sha256$100000$c2FsdA==$aGFzaA==",
        Roles = [AgentRoles.Agent, AgentRoles.Maintainer],
    };

    [Fact]
    public async Task AStartedSessionIsFoundAndListedNewestFirst()
    {
        var sessions = CreateSessions();
        var older = Session("anna", minutesAgo: 5);
        var newer = Session("olga");

        await sessions.StartAsync(older);
        await sessions.StartAsync(newer);

        Assert.Equivalent(older, await sessions.FindAsync(older.Id), strict: true);
        Assert.Null(await sessions.FindAsync("no-such-session"));
        Assert.Equal([newer.Id, older.Id], (await sessions.ListAsync()).Select(s => s.Id));
        Assert.Equal([older.Id], (await sessions.ListAsync("anna")).Select(s => s.Id));
    }

    [Fact]
    public async Task EndingASessionTellsSubscribersOnceAndForgetsIt()
    {
        var sessions = CreateSessions();
        var ended = new ConcurrentQueue<string>();
        await sessions.SubscribeAsync(ended.Enqueue);
        var session = Session("anna");
        await sessions.StartAsync(session);

        Assert.True(await sessions.EndAsync(session.Id));
        Assert.False(await sessions.EndAsync(session.Id));

        Assert.Null(await sessions.FindAsync(session.Id));
        Assert.Empty(await sessions.ListAsync());
        await WaitUntilAsync(() => ended.Count == 1);
        Assert.Equal([session.Id], ended);
    }

    [Fact]
    public async Task EndingAllOfAnAgentsSessionsLeavesOtherAgentsAlone()
    {
        var sessions = CreateSessions();
        var anna = new[] { Session("anna"), Session("anna") };
        var olga = Session("olga");
        foreach (var session in anna.Append(olga))
        {
            await sessions.StartAsync(session);
        }

        Assert.Equal(2, await sessions.EndAllAsync("anna"));

        Assert.Equal([olga.Id], (await sessions.ListAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task RemovingAnAccountOrChangingItsPasswordRolesOrStatusEndsItsSessions()
    {
        var sessions = CreateSessions();
        var accounts = CreateAccounts(sessions);
        var changes = new Func<AgentAccount, AgentAccount>[]
        {
            a => a with { PasswordHash = "pbkdf2-sha256$100000$c2FsdA==$b3RoZXI=" },
            a => a with { Roles = [AgentRoles.Agent] },
            a => a with { Disabled = true },
        };
        foreach (var change in changes)
        {
            var account = Account($"agent-{Guid.NewGuid():N}");
            await accounts.SaveAsync(account);
            var session = Session(account.Id);
            await sessions.StartAsync(session);

            await accounts.SaveAsync(change(account));

            Assert.Null(await sessions.FindAsync(session.Id));
        }

        var removed = Session("rita");
        await accounts.SaveAsync(Account("rita"));
        await sessions.StartAsync(removed);
        await accounts.DeleteAsync("rita");
        Assert.Null(await sessions.FindAsync(removed.Id));
    }

    [Fact]
    public async Task ANewNameOrCapacityKeepsTheSessions()
    {
        var sessions = CreateSessions();
        var accounts = CreateAccounts(sessions);
        var account = Account("anna");
        await accounts.SaveAsync(account);
        var session = Session("anna");
        await sessions.StartAsync(session);

        await accounts.SaveAsync(account with { Name = "Anna K.", Capacity = 7, Roles = [AgentRoles.Maintainer, AgentRoles.Agent] });

        Assert.NotNull(await sessions.FindAsync(session.Id));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}

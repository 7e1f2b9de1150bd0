using System.Collections.Concurrent;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Tests.Handoff.Agents;

public class RedisAgentSessionsServerTests : AgentSessionsContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override IAgentSessions CreateSessions() => new RedisAgentSessions(RedisTestServer.Connect(), new RedisKeys(_prefix));

    protected override IAgentAccounts CreateAccounts(IAgentSessions sessions) => new RedisAgentAccounts(RedisTestServer.Connect(), new RedisKeys(_prefix), sessions);

    [Fact]
    public async Task ASessionEndedByTheCliIsAnnouncedToAServerProcess()
    {
        using var cliConnection = await RedisTestServer.ConnectAnotherAsync();
        var cli = new RedisAgentSessions(cliConnection, new RedisKeys(_prefix));
        var server = CreateSessions();
        var ended = new ConcurrentQueue<string>();
        await server.SubscribeAsync(ended.Enqueue);
        var session = Session("anna");
        await server.StartAsync(session);

        Assert.Equal([session.Id], (await cli.ListAsync("anna")).Select(s => s.Id));
        Assert.True(await cli.EndAsync(session.Id));

        for (var i = 0; i < 100 && ended.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal([session.Id], ended);
        Assert.Null(await server.FindAsync(session.Id));
    }

    [Fact]
    public async Task ASessionKeyLapsesWhenItsTokenExpires()
    {
        var session = Session("anna") with { ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) };
        await CreateSessions().StartAsync(session);

        var ttl = await RedisTestServer.Connect().GetDatabase().KeyTimeToLiveAsync(new RedisKeys(_prefix).AgentSession(session.Id));

        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }
}

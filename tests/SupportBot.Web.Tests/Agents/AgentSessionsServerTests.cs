using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>Two server processes on one Redis, without Agents:TokenSecret: one key for both, and one end for a session on both.</summary>
public class AgentSessionsServerTests
{
    [Fact]
    public async Task SigningOutOnOneProcessClosesTheConsoleOnTheOther()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        var settings = AgentTestClient.Accounts(1);
        await using var first = await ServerProcess.StartAsync(prefix, settings);
        await using var second = await ServerProcess.StartAsync(prefix, settings);

        // Signed in on one, working on the other: the random agent key is the same on both.
        var token = await AgentTestClient.SignInAsync(first.BaseUrl, "agent-01");
        await using var console = await AgentTestClient.ConnectAsync(second.BaseUrl, "agent-01", token);
        Assert.NotEmpty(await console.Hub.InvokeAsync<IReadOnlyList<SupportBot.Web.Agents.AgentSummary>>("Agents"));

        Assert.Equal(HttpStatusCode.NoContent, (await first.Client.SendAsync(HttpMethod.Post, "/agent/api/sign-out", token)).StatusCode);

        await AgentSessionTests.WaitClosedAsync(console.Hub);
        await AssertErrorAsync(await second.Client.SendAsync(HttpMethod.Post, "/agent/api/sign-out", token), 401, "SessionEnded");
    }

    [Fact]
    public async Task AnAgentRemovedFromRedisAsTheCliDoesIsSignedOutOfEveryProcess()
    {
        var redis = RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        var accounts = new RedisAgentAccounts(redis, new RedisKeys(prefix));
        await accounts.SaveAsync(new AgentAccount { Id = "rita", Name = "Rita", PasswordHash = PasswordHasher.Hash(AgentTestClient.Password) });
        await using var first = await ServerProcess.StartAsync(prefix);
        await using var second = await ServerProcess.StartAsync(prefix);
        await using var onFirst = await AgentTestClient.ConnectAsync(first.BaseUrl, "rita");
        await using var onSecond = await AgentTestClient.ConnectAsync(second.BaseUrl, "rita");

        await accounts.DeleteAsync("rita");

        await AgentSessionTests.WaitClosedAsync(onFirst.Hub);
        await AgentSessionTests.WaitClosedAsync(onSecond.Hub);
    }
}

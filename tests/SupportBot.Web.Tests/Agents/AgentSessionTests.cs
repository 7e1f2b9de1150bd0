using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Handoff.Agents;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>A signed-in agent stays signed in only while the account stays as it was and nobody ends the session.</summary>
public sealed class AgentSessionTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(2))
    {
        ["Agents:Accounts:2:Id"] = "sam",
        ["Agents:Accounts:2:Name"] = "Sam",
        ["Agents:Accounts:2:PasswordHash"] = PasswordHasher.Hash(AgentTestClient.Password),
        ["Agents:Accounts:2:Roles:0"] = "supervisor",
    });

    private IAgentAccounts Accounts => _app.Services.GetRequiredService<IAgentAccounts>();

    [Fact]
    public async Task ARemovedAgentLosesTheHubAndTheApiWithinFiveSeconds()
    {
        await AddAsync("rita", ["agent", "maintainer"]);
        var token = await AgentTestClient.SignInAsync(_app.BaseUrl, "rita");
        await using var console = await AgentTestClient.ConnectAsync(_app.BaseUrl, "rita", token);

        await Accounts.DeleteAsync("rita");

        await WaitClosedAsync(console.Hub);
        await AssertErrorAsync(await AgentTokenTests.GetModelAsync(_app, token), 401, "SessionEnded");
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(_app.BaseUrl, "rita", token));
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task ADisabledAgentLosesTheHubAndCannotSignInAgain()
    {
        var account = await AddAsync("dora", ["agent"]);
        await using var console = await AgentTestClient.ConnectAsync(_app.BaseUrl, "dora");

        await Accounts.SaveAsync(account with { Disabled = true });

        await WaitClosedAsync(console.Hub);
        await AssertErrorAsync(await _app.Client.Http.PostAsJsonAsync("/agent/api/sign-in", new { name = "dora", password = AgentTestClient.Password }), 401, "SignInFailed");
    }

    [Fact]
    public async Task ATakenAwayRoleEndsTheSessionAndIsForbiddenAfterSigningInAgain()
    {
        var account = await AddAsync("mia", ["agent", "maintainer"]);
        var token = await AgentTestClient.SignInAsync(_app.BaseUrl, "mia");
        Assert.Equal(HttpStatusCode.OK, (await AgentTokenTests.GetModelAsync(_app, token)).StatusCode);

        await Accounts.SaveAsync(account with { Roles = ["agent"] });

        await AssertErrorAsync(await AgentTokenTests.GetModelAsync(_app, token), 401, "SessionEnded");
        await AssertErrorAsync(await AgentTokenTests.GetModelAsync(_app, await AgentTestClient.SignInAsync(_app.BaseUrl, "mia")), 403, "Forbidden");
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndClosesItsConsole()
    {
        var token = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");
        await using var console = await AgentTestClient.ConnectAsync(_app.BaseUrl, "agent-01", token);
        await using var otherTab = await AgentTestClient.ConnectAsync(_app.BaseUrl, "agent-01");

        Assert.Equal(HttpStatusCode.NoContent, (await _app.Client.SendAsync(HttpMethod.Post, "/agent/api/sign-out", token)).StatusCode);

        await WaitClosedAsync(console.Hub);
        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Post, "/agent/api/sign-out", token), 401, "SessionEnded");
        Assert.Equal(HubConnectionState.Connected, otherTab.Hub.State); // another sign-in is another session
        Assert.NotEmpty(await otherTab.Hub.InvokeAsync<IReadOnlyList<SupportBot.Web.Agents.AgentSummary>>("Agents"));
    }

    [Fact]
    public async Task ASupervisorSeesEverySessionAndEndsOne()
    {
        var supervisor = await AgentTestClient.SignInAsync(_app.BaseUrl, "sam");
        var agentToken = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-02");
        await using var console = await AgentTestClient.ConnectAsync(_app.BaseUrl, "agent-02", agentToken);

        var sessions = (await ReadObjectAsync(await _app.Client.SendAsync(HttpMethod.Get, "/agent/api/sessions", supervisor)))["sessions"]!.AsArray();
        var agents = sessions.Select(s => s!["agentId"]!.GetValue<string>()).ToList();
        var mine = sessions.Single(s => s!["current"]!.GetValue<bool>())!;
        var theirs = sessions.Single(s => s!["agentId"]!.GetValue<string>() == "agent-02")!;
        Assert.Equal(["agent-02", "sam"], agents); // newest first
        Assert.Equal("sam", mine["agentId"]!.GetValue<string>());
        Assert.Equal(["agent"], theirs["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("127.0.0.1", theirs["clientAddress"]!.GetValue<string>());
        Assert.True(theirs["expiresAt"]!.GetValue<DateTimeOffset>() > theirs["createdAt"]!.GetValue<DateTimeOffset>());

        var id = theirs["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Client.SendAsync(HttpMethod.Delete, $"/agent/api/sessions/{id}", supervisor)).StatusCode);

        await WaitClosedAsync(console.Hub);
        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Delete, $"/agent/api/sessions/{id}", supervisor), 404, "NotFound");
        var left = (await ReadObjectAsync(await _app.Client.SendAsync(HttpMethod.Get, "/agent/api/sessions", supervisor)))["sessions"]!.AsArray();
        Assert.DoesNotContain(left, s => s!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task AnAgentWhoIsNoSupervisorCannotListOrEndSessions()
    {
        var token = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");

        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Get, "/agent/api/sessions", token), 403, "Forbidden");
        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Delete, $"/agent/api/sessions/{AgentTokenForger.SessionOf(token)}", token), 403, "Forbidden");
        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Get, "/agent/api/sessions", null), 401, "Unauthorized");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    internal static async Task WaitClosedAsync(HubConnection hub)
    {
        var clock = Stopwatch.StartNew();
        while (hub.State != HubConnectionState.Disconnected)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "The server did not close the ended session's connection within 5 s.");
            await Task.Delay(50);
        }
    }

    private async Task<AgentAccount> AddAsync(string id, string[] roles)
    {
        var account = new AgentAccount { Id = id, Name = id, PasswordHash = PasswordHasher.Hash(AgentTestClient.Password), Roles = roles };
        await Accounts.SaveAsync(account);
        return account;
    }
}

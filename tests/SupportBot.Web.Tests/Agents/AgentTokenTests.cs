using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>Agent tokens only the server can make: not with the Direct Line secret, not for someone who is no account.</summary>
public sealed class AgentTokenTests : IAsyncLifetime
{
    private const string AgentSecret = "agents-only-secret";
    private static readonly string[] AllRoles = ["agent", "supervisor", "maintainer"];
    private TestApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(1))
    {
        ["Agents:Accounts:0:Id"] = "anna",
        ["Agents:Accounts:0:Roles:0"] = "agent",
        ["Agents:Accounts:0:Roles:1"] = "supervisor",
        ["Agents:Accounts:0:Roles:2"] = "maintainer",
    });

    [Fact]
    public async Task ATokenSignedWithTheDirectLineSecretIsRefusedByTheMaintainerApiAndTheHub()
    {
        var forged = AgentTokenForger.Sign(AgentTokenForger.KeyFrom(TestApp.Secret), "anna", AllRoles);

        await AssertErrorAsync(await GetModelAsync(_app, forged), 401, "Unauthorized");
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(_app.BaseUrl, "anna", forged));
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task ATokenForSomeoneWhoIsNoAccountIsRefusedEvenWithTheRightKey()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(1)) { ["Agents:TokenSecret"] = AgentSecret });
        var real = await AgentTestClient.SignInAsync(app.BaseUrl, "agent-01");
        var ghost = AgentTokenForger.Sign(AgentTokenForger.KeyFrom(AgentSecret), "ghost", AllRoles, sessionId: AgentTokenForger.SessionOf(real));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(app.BaseUrl, "ghost", ghost));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        await AssertErrorAsync(await GetModelAsync(app, ghost), 401, "SessionEnded");
    }

    [Fact]
    public async Task AnUnsignedTokenIsRefused()
    {
        var real = await AgentTestClient.SignInAsync(_app.BaseUrl, "anna");
        var unsigned = AgentTokenForger.Unsigned("anna", AllRoles, AgentTokenForger.SessionOf(real));

        await AssertErrorAsync(await GetModelAsync(_app, unsigned), 401, "Unauthorized");
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(_app.BaseUrl, "anna", unsigned));
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task ATokenForAnotherAudienceIsRefused()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(1)) { ["Agents:TokenSecret"] = AgentSecret });
        var real = await AgentTestClient.SignInAsync(app.BaseUrl, "agent-01");
        var elsewhere = AgentTokenForger.Sign(AgentTokenForger.KeyFrom(AgentSecret), "agent-01", ["agent"], "supportbot-directline", AgentTokenForger.SessionOf(real));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(app.BaseUrl, "agent-01", elsewhere));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task ACustomersDirectLineCallsAreNotCheckedAsAgentTokens()
    {
        var conversation = await _app.Client.StartAsync();
        await _app.Client.GetActivitiesAsync(conversation);

        Assert.DoesNotContain(_app.Logs.Entries, e => e.Message.Contains("AgentToken", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    internal static Task<HttpResponseMessage> GetModelAsync(TestApp app, string token) => app.Client.SendAsync(HttpMethod.Get, "/maintainer/api/model", token);
}

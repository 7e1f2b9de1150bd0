using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>Who may reach the agent side: signed-in agents only, a customer's token never, a password guesser not for long.</summary>
public sealed class AgentSignInTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(2))
    {
        ["Agents:SignInFailuresPerAddress"] = "3",
    });

    [Fact]
    public async Task TheRightPasswordGivesATokenTheHubAccepts()
    {
        await using var agent = await AgentTestClient.ConnectAsync(_app.BaseUrl, "Agent-01");

        var profile = await agent.Hub.InvokeAsync<AgentProfile>("Profile");

        Assert.Equal(("agent-01", "Agent 1"), (profile.Id, profile.Name));
        Assert.Contains("order_status", profile.Intents);
        Assert.NotEmpty(profile.CannedResponses["th"]);
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownNameGetTheSameAnswer()
    {
        var wrongPassword = await SignInAsync("agent-01", "not the password");
        var unknownName = await SignInAsync("nobody", AgentTestClient.Password);

        var first = await AssertErrorAsync(wrongPassword, 401, "SignInFailed");
        var second = await AssertErrorAsync(unknownName, 401, "SignInFailed");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task RepeatedFailuresLockTheNameEvenAgainstTheRightPassword()
    {
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync("agent-02", $"guess {i}");
        }

        await AssertErrorAsync(await SignInAsync("agent-02", AgentTestClient.Password), 429, "AccountLocked");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("agent-01", AgentTestClient.Password)).StatusCode); // other names are not affected
    }

    [Fact]
    public async Task OneClientTryingManyNamesIsSlowedDown()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Agents:SignInsPerMinutePerClient"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            await AssertErrorAsync(await app.Client.Http.PostAsJsonAsync("/agent/api/sign-in", new { name = $"guess-{i}", password = "password1" }), 401, "SignInFailed");
        }

        await AssertErrorAsync(await app.Client.Http.PostAsJsonAsync("/agent/api/sign-in", new { name = "guess-3", password = "password1" }), 429, "TooManyRequests");
    }

    [Fact]
    public async Task BrokenJsonAndMissingFieldsAreRefusedWithAJsonError()
    {
        using var broken = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        await AssertErrorAsync(await _app.Client.Http.PostAsync("/agent/api/sign-in", broken), 400, "BadSyntax");
        await AssertErrorAsync(await _app.Client.Http.PostAsJsonAsync("/agent/api/sign-in", new { name = "agent-01" }), 400, "MissingProperty");
    }

    [Fact]
    public async Task TheHubRefusesAConnectionWithoutAToken()
    {
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(_app.BaseUrl, "agent-01", token: ""));
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task TheHubRefusesACustomersDirectLineToken()
    {
        var conversation = await _app.Client.StartAsync();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(_app.BaseUrl, "agent-01", conversation.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task AnAlteredTokenIsRefused()
    {
        var token = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1].Replace("agent-01", "agent-02", StringComparison.Ordinal)}x.{parts[2]}";

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => AgentTestClient.ConnectAsync(_app.BaseUrl, "agent-02", forged));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task TheConsolePageAndItsSignalRScriptAreServedFromThisServer()
    {
        var page = await _app.Client.Http.GetAsync("/agent/");
        var script = await _app.Client.Http.GetAsync("/agent/signalr.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("signalR", await script.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> SignInAsync(string name, string password) =>
        _app.Client.Http.PostAsJsonAsync("/agent/api/sign-in", new { name, password });
}

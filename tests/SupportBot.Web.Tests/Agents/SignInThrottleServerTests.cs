using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportBot.Handoff.Agents;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>The sign-in throttle on two server processes sharing Redis: one set of limits, whichever process is asked.</summary>
public sealed class SignInThrottleServerTests
{
    private const string Attacker = "198.51.100.7";

    [Fact]
    public async Task GuessesSpreadOverTwoProcessesGetNoMoreChecksThanTheLimit()
    {
        await using var first = await StartAsync(out var settings);
        await using var second = await TestApp.StartAsync(settings);

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => SignInAsync(i % 2 == 0 ? first : second, "agent-01", $"guess {i}", Attacker)));

        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized), 1, 3);
        Assert.All(answers, a => Assert.Contains((int)a.StatusCode, new[] { 401, 429 }));
        await AssertErrorAsync(await SignInAsync(second, "agent-01", AgentTestClient.Password, Attacker), 429, "AccountLocked");
    }

    [Fact]
    public async Task ALockoutClearedOnOneProcessIsClearedOnTheOther()
    {
        await using var first = await StartAsync(out var settings);
        await using var second = await TestApp.StartAsync(settings);
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(first, "agent-01", $"guess {i}", Attacker);
        }

        var supervisor = await AgentTestClient.SignInAsync(second.BaseUrl, "agent-02");
        using var list = new HttpRequestMessage(HttpMethod.Get, "/agent/api/lockouts") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", supervisor) } };
        var listed = await ReadObjectAsync(await second.Client.Http.SendAsync(list));
        using var clear = new HttpRequestMessage(HttpMethod.Delete, "/agent/api/lockouts/agent-01") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", supervisor) } };
        var cleared = await second.Client.Http.SendAsync(clear);

        Assert.Contains(listed["lockouts"]!.AsArray(), l => l!["account"]!.GetValue<string>() == "agent-01" && l["clientAddress"]!.GetValue<string>() == Attacker);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(first, "agent-01", AgentTestClient.Password, Attacker)).StatusCode);
    }

    private static Task<TestApp> StartAsync(out Dictionary<string, string?> settings)
    {
        RedisTestServer.Connect();
        settings = new Dictionary<string, string?>(AgentTestClient.Accounts(2))
        {
            ["Agents:Accounts:1:Roles:0"] = AgentRoles.Supervisor,
            ["Agents:SignInFailuresPerAddress"] = "3",
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
        };
        return TestApp.StartAsync(settings);
    }

    private static Task<HttpResponseMessage> SignInAsync(TestApp app, string name, string password, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/agent/api/sign-in") { Content = JsonContent.Create(new { name, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return app.Client.Http.SendAsync(request);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportBot.Handoff.Agents;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>
/// Password guessing against one account: at most the limit of password checks whatever the concurrency, and an
/// attacker elsewhere cannot keep the real agent out. Client addresses come from X-Forwarded-For (loopback is a
/// trusted proxy by default).
/// </summary>
public sealed class SignInUnderAttackTests : IAsyncLifetime
{
    private const string Attacker = "198.51.100.7";
    private const string Office = "203.0.113.20";

    private readonly GatedAgentAccounts _accounts = new(open: false);
    private TestApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(
        new Dictionary<string, string?>(AgentTestClient.Accounts(2))
        {
            ["Agents:Accounts:1:Roles:0"] = AgentRoles.Agent,
            ["Agents:Accounts:1:Roles:1"] = AgentRoles.Supervisor,
            ["Agents:SignInFailuresPerAddress"] = "5",
            ["Agents:SignInFailuresBeforeBackoff"] = "8",
            ["Agents:SignInBackoffMax"] = "00:00:02",
        },
        services => services.AddSingleton<IAgentAccounts>(_accounts));

    [Fact]
    public async Task TwentyFiveParallelWrongPasswordsMakeAtMostFivePasswordChecks()
    {
        var guesses = Enumerable.Range(0, 25).Select(i => SignInAsync(GatedAgentAccounts.Victim, $"guess {i}")).ToList();

        // Hold the first checks while they run, so every guess arrives before any failure could have been recorded.
        await _accounts.WaitForChecksAsync(5);
        await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(2)), WhenCountAsync(guesses, 20));
        _accounts.Open();
        var answers = await Task.WhenAll(guesses);

        Assert.InRange(_accounts.Checks, 1, 5);
        Assert.All(answers, a => Assert.Contains((int)a.StatusCode, new[] { 401, 429 }));
        Assert.Equal(_accounts.Checks, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task TheRightPasswordAfterABurstOfWrongOnesGetsNoTokenOnceTheLimitIsTaken()
    {
        var wrong = Enumerable.Range(0, 24).Select(i => SignInAsync(GatedAgentAccounts.Victim, $"guess {i}")).ToList();
        await _accounts.WaitForChecksAsync(5);

        // The five checks are still running (held at the gate) when the right password arrives.
        var right = SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password);
        await Task.WhenAny(right, Task.Delay(TimeSpan.FromSeconds(2)));
        _accounts.Open();
        var answer = await right;
        await Task.WhenAll(wrong);

        await AssertErrorAsync(answer, 429, "AccountLocked");
        Assert.NotNull(answer.Headers.RetryAfter?.Delta);
        Assert.Equal(5, _accounts.Checks);
    }

    [Fact]
    public async Task WrongPasswordsFromOneAddressDoNotLockTheAgentOutOfAnother()
    {
        _accounts.Open();
        for (var i = 0; i < 10; i++)
        {
            await SignInAsync(GatedAgentAccounts.Victim, $"guess {i}", Attacker);
        }

        var fromAttacker = await SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password, Attacker);
        var fromOffice = await SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password, Office);

        await AssertErrorAsync(fromAttacker, 429, "AccountLocked");
        Assert.InRange(fromAttacker.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, fromOffice.StatusCode);
    }

    [Fact]
    public async Task AnAttackFromManyAddressesDelaysANewAddressOnlyByTheBoundedBackOff()
    {
        _accounts.Open();
        await AttackFromManyAddressesAsync();

        var first = await SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password, Office);
        if (first.StatusCode != HttpStatusCode.OK)
        {
            await AssertErrorAsync(first, 429, "AccountLocked");
            var wait = first.Headers.RetryAfter!.Delta!.Value;
            Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            await Task.Delay(wait);
            first = await SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password, Office);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task AnAddressTheAgentSignedInFromBeforeIsNotDelayedByAnAttackElsewhere()
    {
        _accounts.Open();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password, Office)).StatusCode);

        await AttackFromManyAddressesAsync();
        var again = await SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password, Office);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ASupervisorSeesALockoutAndClearsIt()
    {
        _accounts.Open();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(GatedAgentAccounts.Victim, $"guess {i}", Attacker);
        }

        var supervisor = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-02");
        var listed = await ReadObjectAsync(await SendAsync(HttpMethod.Get, "/agent/api/lockouts", supervisor));
        var cleared = await SendAsync(HttpMethod.Delete, $"/agent/api/lockouts/{GatedAgentAccounts.Victim}", supervisor);
        var after = await ReadObjectAsync(await SendAsync(HttpMethod.Get, "/agent/api/lockouts", supervisor));
        var signIn = await SignInAsync(GatedAgentAccounts.Victim, AgentTestClient.Password, Attacker);

        var lockout = Assert.Single(listed["lockouts"]!.AsArray(), l => l!["account"]!.GetValue<string>() == GatedAgentAccounts.Victim)!;
        Assert.Equal(Attacker, lockout["clientAddress"]!.GetValue<string>());
        Assert.Equal(5, lockout["failures"]!.GetValue<int>());
        Assert.True(DateTimeOffset.Parse(lockout["blockedUntil"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(after["lockouts"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task ClearingAnAccountWithoutLockoutsSucceeds()
    {
        var supervisor = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-02");

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "/agent/api/lockouts/nobody", supervisor)).StatusCode);
    }

    [Fact]
    public async Task AnAgentWithoutTheSupervisorRoleMayNotSeeOrClearLockouts()
    {
        var agent = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");

        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/agent/api/lockouts", agent), 403, "Forbidden");
        await AssertErrorAsync(await SendAsync(HttpMethod.Delete, "/agent/api/lockouts/victim", agent), 403, "Forbidden");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/agent/api/lockouts", null), 401, "Unauthorized");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Two wrong passwords from each of twelve addresses: far past the account-wide allowance, never an address's own limit.</summary>
    private async Task AttackFromManyAddressesAsync()
    {
        for (var i = 0; i < 24; i++)
        {
            await SignInAsync(GatedAgentAccounts.Victim, $"guess {i}", $"192.0.2.{(i / 2) + 1}");
        }
    }

    private static async Task WhenCountAsync(List<Task<HttpResponseMessage>> requests, int count)
    {
        while (requests.Count(r => r.IsCompleted) < count)
        {
            await Task.Delay(20);
        }
    }

    private Task<HttpResponseMessage> SignInAsync(string name, string password, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/agent/api/sign-in") { Content = JsonContent.Create(new { name, password }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return _app.Client.Http.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? agentToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (agentToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
        }

        return _app.Client.Http.SendAsync(request);
    }
}

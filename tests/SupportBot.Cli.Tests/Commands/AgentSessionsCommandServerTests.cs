using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Tests.Commands;

/// <summary>The supervisor's verbs from a shell, against the Redis the servers share.</summary>
public sealed class AgentSessionsCommandServerTests
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    private RedisKeys Keys => new(_prefix);

    [Fact]
    public async Task SessionsAreListedAndEndedOneByOneOrAllOfAnAgent()
    {
        var sessions = new RedisAgentSessions(RedisTestServer.Connect(), Keys);
        var now = DateTimeOffset.UtcNow;
        await sessions.StartAsync(new AgentSession("s-anna-1", "anna", "Anna", ["agent"], now, now.AddHours(1), "10.0.0.1"));
        await sessions.StartAsync(new AgentSession("s-anna-2", "anna", "Anna", ["agent"], now.AddMinutes(1), now.AddHours(1), "10.0.0.2"));
        await sessions.StartAsync(new AgentSession("s-sam-1", "sam", "Sam", ["agent", "supervisor"], now, now.AddHours(1), null));

        var listed = await Cli("agents", "sessions", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("s-anna-1", listed.Output);
        Assert.Contains("s-sam-1", listed.Output);
        Assert.Contains("3 session(s)", listed.Output);

        var ended = await Cli("agents", "sessions", "end", "--session", "s-sam-1");
        Assert.Equal(0, ended.ExitCode);
        Assert.Null(await sessions.FindAsync("s-sam-1"));

        var again = await Cli("agents", "sessions", "end", "--session", "s-sam-1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no live session", again.Output);

        var all = await Cli("agents", "sessions", "end", "--agent", "Anna");
        Assert.Contains("ended 2 session(s)", all.Output);
        Assert.Empty(await sessions.ListAsync());
    }

    [Fact]
    public async Task EndWithNeitherOrBothOfSessionAndAgentIsWrongUsage()
    {
        Assert.Equal(2, (await Cli("agents", "sessions", "end")).ExitCode);
        Assert.Equal(2, (await Cli("agents", "sessions", "end", "--session", "x", "--agent", "anna")).ExitCode);
    }

    [Fact]
    public async Task DisablingAnAccountEndsItsSessionsAndEnablingKeepsItSignedOut()
    {
        var redis = RedisTestServer.Connect();
        await new RedisAgentAccounts(redis, Keys).SaveAsync(new AgentAccount { Id = "olga", Name = "Olga", PasswordHash = PasswordHasher.Hash("long enough"), Roles = ["agent"] });
        var sessions = new RedisAgentSessions(redis, Keys);
        await sessions.StartAsync(new AgentSession("s-olga", "olga", "Olga", ["agent"], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), null));

        Assert.Equal(0, (await Cli("agents", "disable", "--id", "olga")).ExitCode);
        Assert.True((await new RedisAgentAccounts(redis, Keys).FindAsync("olga"))!.Disabled);
        Assert.Null(await sessions.FindAsync("s-olga"));

        Assert.Equal(0, (await Cli("agents", "enable", "--id", "olga")).ExitCode);
        Assert.False((await new RedisAgentAccounts(redis, Keys).FindAsync("olga"))!.Disabled);
        Assert.Equal(1, (await Cli("agents", "disable", "--id", "nobody")).ExitCode);
    }

    [Fact]
    public async Task ALockoutIsListedAndClearedForEveryAddress()
    {
        var throttle = new RedisSignInThrottle(RedisTestServer.Connect(), Keys, Options.Create(new AgentsOptions()), TimeProvider.System);
        for (var i = 0; i < new AgentsOptions().SignInFailuresPerAddress; i++)
        {
            Assert.True((await throttle.TryBeginAsync("victim", "203.0.113.9")).Allowed);
        }

        Assert.False((await throttle.TryBeginAsync("victim", "203.0.113.9")).Allowed);

        var listed = await Cli("agents", "lockouts", "list");
        Assert.Contains("victim", listed.Output);
        Assert.Contains("203.0.113.9", listed.Output);

        Assert.Equal(0, (await Cli("agents", "lockouts", "clear", "--account", "Victim")).ExitCode);
        Assert.True((await throttle.TryBeginAsync("victim", "203.0.113.9")).Allowed);
        Assert.Contains("0 lockout(s)", (await Cli("agents", "lockouts", "list")).Output);
    }

    private Task<CliRunner.Result> Cli(params string[] args) =>
        CliRunner.RunAsync([.. args, .. args[1] is "sessions" or "lockouts" or "disable" or "enable" ? new[] { "--redis", RedisTestServer.Configuration, "--prefix", _prefix } : []]);
}

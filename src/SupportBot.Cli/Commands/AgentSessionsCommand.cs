using System.CommandLine;
using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;

namespace SupportBot.Cli.Commands;

/// <summary>
/// <c>agents sessions</c>, <c>agents lockouts</c>, <c>agents disable|enable</c>: what a supervisor does in the
/// console's Security view, from a shell on the Redis the servers share. Ending a session closes its consoles on
/// every server process within seconds (the servers listen for it in Redis).
/// </summary>
internal static class AgentSessionsCommand
{
    public static Command Sessions() => new("sessions", "Agents' signed-in sessions: list them, end one or all of an agent's.")
    {
        ListSessions(),
        EndSessions(),
    };

    public static Command Lockouts() => new("lockouts", "Sign-in throttles after wrong passwords: list them, or clear an account's.")
    {
        ListLockouts(),
        ClearLockouts(),
    };

    /// <summary>Disabling an account ends its sessions at once and refuses its sign-ins; enabling lets it sign in again.</summary>
    public static Command SetDisabled(bool disabled)
    {
        var id = CliOptions.Text("--id", "The agent's sign-in name.", "name", required: true);
        var verb = disabled ? "disable" : "enable";
        var description = disabled
            ? "Disables an agent account kept in Redis: its sessions end and it cannot sign in."
            : "Enables an agent account kept in Redis again.";
        return new Command(verb, description) { id }.WithRedis((parse, redis, keys) =>
        {
            var agent = parse.GetRequiredValue(id).Trim().ToLowerInvariant();
            var accounts = new RedisAgentAccounts(redis, keys);
            if (accounts.FindAsync(agent).GetAwaiter().GetResult() is not { } account)
            {
                parse.InvocationConfiguration.Output.WriteLine($"no agent '{agent}' in Redis (accounts in configuration are disabled there: Agents:Accounts:N:Disabled)");
                return SupportBotCli.Failed;
            }

            accounts.SaveAsync(account with { Disabled = disabled }).GetAwaiter().GetResult();
            parse.InvocationConfiguration.Output.WriteLine($"{verb}d agent '{agent}'");
            return 0;
        });
    }

    private static Command ListSessions()
    {
        var agent = CliOptions.Text("--agent", "Only this agent's sessions.", "name");
        return new Command("list", "The live sessions, newest first.") { agent }.WithRedis((parse, redis, keys) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var sessions = new RedisAgentSessions(redis, keys).ListAsync(parse.GetValue(agent)?.Trim().ToLowerInvariant()).GetAwaiter().GetResult();
            foreach (var session in sessions)
            {
                output.WriteLine($"{session.Id}  {session.AgentId,-16} {string.Join(",", session.Roles),-26} " +
                    $"since {session.CreatedAt.UtcDateTime:u}  until {session.ExpiresAt.UtcDateTime:u}  from {session.ClientAddress ?? "?"}");
            }

            output.WriteLine($"{sessions.Count} session(s)");
            return 0;
        });
    }

    private static Command EndSessions()
    {
        var session = CliOptions.Text("--session", "The session to end (its id, from `agents sessions list`).", "id");
        var agent = CliOptions.Text("--agent", "End every session of this agent.", "name");
        var command = new Command("end", "Ends a session, or every session of an agent (--session or --agent).") { session, agent };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(session) is null) == (result.GetValue(agent) is null))
            {
                result.AddError("Give either --session or --agent.");
            }
        });
        return command.WithRedis((parse, redis, keys) =>
        {
            var sessions = new RedisAgentSessions(redis, keys);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(session) is { } id)
            {
                if (!sessions.EndAsync(id.Trim()).GetAwaiter().GetResult())
                {
                    output.WriteLine($"no live session '{id}'");
                    return SupportBotCli.Failed;
                }

                output.WriteLine($"ended session '{id}'");
                return 0;
            }

            var name = parse.GetRequiredValue(agent).Trim().ToLowerInvariant();
            output.WriteLine($"ended {sessions.EndAllAsync(name).GetAwaiter().GetResult()} session(s) of '{name}'");
            return 0;
        });
    }

    private static Command ListLockouts() => new Command("list", "Accounts and addresses held back after wrong passwords.").WithRedis((parse, redis, keys) =>
    {
        var output = parse.InvocationConfiguration.Output;
        var lockouts = Throttle(redis, keys).ListAsync().GetAwaiter().GetResult();
        foreach (var lockout in lockouts)
        {
            output.WriteLine($"{lockout.Account,-20} {lockout.ClientAddress ?? "all addresses",-40} {lockout.Failures,3} failure(s)  until {lockout.BlockedUntil.UtcDateTime:u}");
        }

        output.WriteLine($"{lockouts.Count} lockout(s)");
        return 0;
    });

    private static Command ClearLockouts()
    {
        var account = CliOptions.Text("--account", "The account name whose throttles to clear (every address).", "name", required: true);
        return new Command("clear", "Lets an account sign in again at once, from every address.") { account }.WithRedis((parse, redis, keys) =>
        {
            var name = parse.GetRequiredValue(account).Trim().ToLowerInvariant();
            Throttle(redis, keys).ClearAsync(name).GetAwaiter().GetResult();
            parse.InvocationConfiguration.Output.WriteLine($"cleared the sign-in throttles of '{name}'");
            return 0;
        });
    }

    // Listing judges "blocked" by the default limits, which is what the servers use unless Agents:SignIn* are changed.
    private static RedisSignInThrottle Throttle(StackExchange.Redis.IConnectionMultiplexer redis, Redis.RedisKeys keys) =>
        new(redis, keys, Options.Create(new AgentsOptions()), TimeProvider.System);
}

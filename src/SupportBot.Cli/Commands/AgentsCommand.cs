using System.CommandLine;
using StackExchange.Redis;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Cli.Commands;

/// <summary>
/// <c>agents</c>: hash a password for Agents:Accounts in configuration, or keep accounts in Redis. Passwords are
/// read from standard input (never from the command line, where they would end up in shell history). Sessions,
/// lockouts and disabling live in <see cref="AgentSessionsCommand"/>.
/// </summary>
internal static class AgentsCommand
{
    public static Command Create(TextReader input) => new("agents", "Agent accounts: password hashes for configuration, accounts kept in Redis.")
    {
        HashPassword(input),
        Add(input),
        List(),
        Remove(),
        AgentSessionsCommand.SetDisabled(true),
        AgentSessionsCommand.SetDisabled(false),
        AgentSessionsCommand.Sessions(),
        AgentSessionsCommand.Lockouts(),
    };

    /// <summary>Runs <paramref name="action"/> against the agent stores in the Redis that --redis and --prefix name.</summary>
    internal static Command WithRedis(this Command command, Func<ParseResult, IConnectionMultiplexer, RedisKeys, int> action)
    {
        var redis = CliOptions.Redis();
        var prefix = CliOptions.Prefix();
        command.Add(redis);
        command.Add(prefix);
        command.SetAction(parse =>
        {
            using var connection = CliOptions.Connect(parse.GetRequiredValue(redis));
            return action(parse, connection, new RedisKeys(parse.GetRequiredValue(prefix)));
        });
        return command;
    }

    private static Command HashPassword(TextReader input)
    {
        var command = new Command("hash-password", "Reads a password on standard input and prints its hash for Agents:Accounts:N:PasswordHash.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(PasswordHasher.Hash(ReadPassword(input)));
            return 0;
        });
        return command;
    }

    private static Command Add(TextReader input)
    {
        var id = CliOptions.Text("--id", "The agent's sign-in name.", "name", required: true);
        var name = CliOptions.Text("--name", "The name customers and colleagues see (default: the id).", "\"Shown name\"");
        var roles = CliOptions.List("--roles", $"Comma-separated: {string.Join(", ", AgentRoles.All)}.", "roles", AgentRoles.Agent);
        roles.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<List<string>>()?.FirstOrDefault(r => !AgentRoles.All.Contains(r)) is { } unknown)
            {
                result.AddError($"Unknown role '{unknown}' (roles: {string.Join(", ", AgentRoles.All)}).");
            }
        });
        var languages = CliOptions.List("--languages", "Languages the agent answers in (default all).", "en,th");
        var skills = CliOptions.List("--skills", "Skills the agent's chats are routed by (default all).", "orders,billing");
        var capacity = CliOptions.Int("--capacity", "Chats the agent takes at once.", 3, min: 1);
        var redis = CliOptions.Redis();
        var prefix = CliOptions.Prefix();
        var command = new Command("add", "Adds (or replaces) an agent account in Redis; the password is read on standard input.")
        {
            id, name, roles, languages, skills, capacity, redis, prefix,
        };
        command.SetAction(parse =>
        {
            // The password first: a missing one is wrong usage whether or not Redis answers.
            var account = new AgentAccount
            {
                Id = parse.GetRequiredValue(id).Trim().ToLowerInvariant(),
                Name = parse.GetValue(name) ?? parse.GetRequiredValue(id),
                PasswordHash = PasswordHasher.Hash(ReadPassword(input)),
                Roles = parse.GetRequiredValue(roles),
                Languages = parse.GetRequiredValue(languages),
                Skills = parse.GetRequiredValue(skills),
                Capacity = parse.GetValue(capacity),
            };
            using var connection = CliOptions.Connect(parse.GetRequiredValue(redis));
            new RedisAgentAccounts(connection, new RedisKeys(parse.GetRequiredValue(prefix))).SaveAsync(account).GetAwaiter().GetResult();
            parse.InvocationConfiguration.Output.WriteLine($"saved agent '{account.Id}' ({account.Name}; roles {string.Join(", ", account.Roles)}; capacity {account.Capacity})");
            return 0;
        });
        return command;
    }

    private static Command List() => new Command("list", "The agent accounts kept in Redis.").WithRedis((parse, redis, keys) =>
    {
        var output = parse.InvocationConfiguration.Output;
        foreach (var account in new RedisAgentAccounts(redis, keys).AllAsync().GetAwaiter().GetResult().OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            output.WriteLine($"{account.Id,-20} {account.Name,-20} {string.Join(",", account.Roles),-18} " +
                $"languages {(account.Languages.Count == 0 ? "all" : string.Join(",", account.Languages))}, " +
                $"skills {(account.Skills.Count == 0 ? "all" : string.Join(",", account.Skills))}, capacity {account.Capacity}");
        }

        return 0;
    });

    private static Command Remove()
    {
        var id = CliOptions.Text("--id", "The agent's sign-in name.", "name", required: true);
        return new Command("remove", "Removes an agent account from Redis.") { id }.WithRedis((parse, redis, keys) =>
        {
            var agent = parse.GetRequiredValue(id).Trim().ToLowerInvariant();
            if (!new RedisAgentAccounts(redis, keys).DeleteAsync(agent).GetAwaiter().GetResult())
            {
                parse.InvocationConfiguration.Output.WriteLine($"no agent '{agent}' in Redis (accounts in configuration are removed there)");
                return SupportBotCli.Failed;
            }

            parse.InvocationConfiguration.Output.WriteLine($"removed agent '{agent}'");
            return 0;
        });
    }

    private static string ReadPassword(TextReader input)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password) || password.Length < 8)
        {
            throw new UsageException("Give the password (at least 8 characters) on standard input, e.g. `read -s p; echo \"$p\" | ...`.");
        }

        return password;
    }
}

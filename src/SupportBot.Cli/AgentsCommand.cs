using StackExchange.Redis;
using SupportBot.Agents;
using SupportBot.Redis;

namespace SupportBot.Cli;

/// <summary>
/// Agent accounts: hash a password for Agents:Accounts in configuration, or keep accounts in Redis. Passwords are
/// read from standard input (never from the command line, where they would end up in shell history).
/// </summary>
internal static class AgentsCommand
{
    public static int Run(string[] args, TextReader input, TextWriter output)
    {
        return args switch
        {
            ["hash-password", ..] => HashPassword(input, output),
            ["add", .. var rest] => Add(Arguments.Parse(rest, new HashSet<string>()), input, output),
            ["list", .. var rest] => List(Arguments.Parse(rest, new HashSet<string>()), output),
            ["remove", .. var rest] => Remove(Arguments.Parse(rest, new HashSet<string>()), output),
            _ => throw new UsageException("agents needs one of: hash-password, add, list, remove."),
        };
    }

    private static int HashPassword(TextReader input, TextWriter output)
    {
        output.WriteLine(PasswordHasher.Hash(ReadPassword(input)));
        return 0;
    }

    private static int Add(Arguments args, TextReader input, TextWriter output)
    {
        var roles = List(args, "roles", [AgentRoles.Agent]);
        if (roles.FirstOrDefault(r => !AgentRoles.All.Contains(r)) is { } unknown)
        {
            throw new UsageException($"Unknown role '{unknown}' (roles: {string.Join(", ", AgentRoles.All)}).");
        }

        var capacity = args.Int("capacity", 3);
        if (capacity < 1)
        {
            throw new UsageException("--capacity must be at least 1.");
        }

        var account = new AgentAccount
        {
            Id = args.Required("id").Trim().ToLowerInvariant(),
            Name = args.Optional("name") ?? args.Required("id"),
            PasswordHash = PasswordHasher.Hash(ReadPassword(input)),
            Roles = roles,
            Languages = List(args, "languages", []),
            Skills = List(args, "skills", []),
            Capacity = capacity,
        };
        using var redis = Connect(args);
        new RedisAgentAccounts(redis, Keys(args)).SaveAsync(account).GetAwaiter().GetResult();
        output.WriteLine($"saved agent '{account.Id}' ({account.Name}; roles {string.Join(", ", account.Roles)}; capacity {account.Capacity})");
        return 0;
    }

    private static int List(Arguments args, TextWriter output)
    {
        using var redis = Connect(args);
        foreach (var account in new RedisAgentAccounts(redis, Keys(args)).AllAsync().GetAwaiter().GetResult().OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            output.WriteLine($"{account.Id,-20} {account.Name,-20} {string.Join(",", account.Roles),-18} " +
                $"languages {(account.Languages.Count == 0 ? "all" : string.Join(",", account.Languages))}, " +
                $"skills {(account.Skills.Count == 0 ? "all" : string.Join(",", account.Skills))}, capacity {account.Capacity}");
        }

        return 0;
    }

    private static int Remove(Arguments args, TextWriter output)
    {
        using var redis = Connect(args);
        var id = args.Required("id").Trim().ToLowerInvariant();
        if (!new RedisAgentAccounts(redis, Keys(args)).DeleteAsync(id).GetAwaiter().GetResult())
        {
            output.WriteLine($"no agent '{id}' in Redis (accounts in configuration are removed there)");
            return 1;
        }

        output.WriteLine($"removed agent '{id}'");
        return 0;
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

    private static List<string> List(Arguments args, string name, List<string> fallback) =>
        args.Optional(name) is { } value ? [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : fallback;

    private static ConnectionMultiplexer Connect(Arguments args)
    {
        var configuration = ConfigurationOptions.Parse(args.Required("redis"));
        configuration.ConnectTimeout = 3000;
        try
        {
            return ConnectionMultiplexer.Connect(configuration);
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException($"Redis at {args.Required("redis")} is not reachable: {e.Message}", e);
        }
    }

    private static RedisKeys Keys(Arguments args) => new(args.Optional("prefix") ?? "sb:");
}

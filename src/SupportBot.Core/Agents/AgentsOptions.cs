namespace SupportBot.Agents;

/// <summary>Agent sign-in, presence and the accounts kept in configuration (section "Agents").</summary>
public sealed class AgentsOptions
{
    public const string Section = "Agents";

    /// <summary>Accounts from configuration; more can be added to Redis with the CLI ("agents add").</summary>
    public List<AgentAccountOptions> Accounts { get; set; } = [];

    /// <summary>
    /// Signs agent tokens (nothing to do with DirectLine:Secret). Empty: a random key made once, kept in Redis for
    /// every process (with the in-memory store, one per process: its sessions end with it anyway).
    /// </summary>
    public string TokenSecret { get; set; } = "";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>Failed sign-ins in a row (per account name) before it is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>Sign-in attempts one client address may make a minute, whatever names it tries (the lockout is per name).</summary>
    public int SignInsPerMinutePerClient { get; set; } = 30;

    /// <summary>How long a locked account name stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each process refreshes its agents' presence.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An agent connection not refreshed for this long counts as gone.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(45);
}

/// <summary>One account in configuration; the password only as a hash (make one with "agents hash-password").</summary>
public sealed class AgentAccountOptions
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    /// <summary>Empty means <see cref="AgentRoles.Agent"/>. (No default list: configuration binding would add to it.)</summary>
    public string[] Roles { get; set; } = [];

    public string[] Languages { get; set; } = [];

    public string[] Skills { get; set; } = [];

    public int Capacity { get; set; } = 3;

    /// <summary>A disabled account cannot sign in; its tokens stop working.</summary>
    public bool Disabled { get; set; }

    public AgentAccount ToAccount() => new()
    {
        Id = Id.Trim().ToLowerInvariant(),
        Name = Name,
        PasswordHash = PasswordHash,
        Roles = Roles.Length == 0 ? [AgentRoles.Agent] : [.. Roles.Distinct()],
        Languages = Languages,
        Skills = Skills,
        Capacity = Capacity,
        Disabled = Disabled,
    };
}

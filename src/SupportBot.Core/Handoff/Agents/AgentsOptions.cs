namespace SupportBot.Handoff.Agents;

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

    /// <summary>
    /// Wrong passwords one client address may give for one account name within <see cref="SignInFailureWindow"/>;
    /// then that address (only) is refused for that name until the window ends.
    /// </summary>
    public int SignInFailuresPerAddress { get; set; } = 5;

    /// <summary>How long failures count: from an address's first failure; account-wide, from the last failure.</summary>
    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Wrong passwords for one account name, from all addresses together, before the account-wide back-off starts:
    /// then each further check from an address the account has not signed in from waits 1 s after the last failure,
    /// doubling with each failure, up to <see cref="SignInBackoffMax"/>.
    /// </summary>
    public int SignInFailuresBeforeBackoff { get; set; } = 10;

    /// <summary>The longest account-wide back-off; also the longest an attacker elsewhere can delay an agent at a new address.</summary>
    public TimeSpan SignInBackoffMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An address the account signed in from is exempt from the account-wide back-off for this long after each sign-in.</summary>
    public TimeSpan SignInTrustedAddressLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Sign-in attempts one client address may make a minute, whatever names it tries (the throttles above are per name).</summary>
    public int SignInsPerMinutePerClient { get; set; } = 30;

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

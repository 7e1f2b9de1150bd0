namespace SupportBot.Handoff.Agents;

/// <summary>
/// Someone who may sign in to the agent console. The password is kept only as a PBKDF2 hash
/// (<see cref="PasswordHasher"/>). Empty <see cref="Languages"/> or <see cref="Skills"/> mean "all".
/// </summary>
public sealed record AgentAccount
{
    /// <summary>The sign-in name, lower case; also the agent's id on the hub.</summary>
    public required string Id { get; init; }

    /// <summary>The name customers see on the agent's messages.</summary>
    public required string Name { get; init; }

    public required string PasswordHash { get; init; }

    /// <summary><see cref="AgentRoles"/>: agent, supervisor, maintainer.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [AgentRoles.Agent];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Most chats the agent takes at once.</summary>
    public int Capacity { get; init; } = 3;

    public bool Speaks(string language) => Languages.Count == 0 || Languages.Contains(language);

    public bool Handles(string skill) => Skills.Count == 0 || Skills.Contains(skill);

    /// <summary>A disabled account cannot sign in, and its sessions end when it is disabled.</summary>
    public bool Disabled { get; init; }

    public bool IsSupervisor => Roles.Contains(AgentRoles.Supervisor);

    /// <summary>
    /// Whether replacing this account with <paramref name="next"/> must end its sessions: the password or the roles
    /// changed, or it is now disabled. (A new name, languages or capacity leave signed-in consoles alone.)
    /// </summary>
    public bool EndsSessionsWhenReplacedBy(AgentAccount next) =>
        next.Disabled || next.PasswordHash != PasswordHash || !next.Roles.Order(StringComparer.Ordinal).SequenceEqual(Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}

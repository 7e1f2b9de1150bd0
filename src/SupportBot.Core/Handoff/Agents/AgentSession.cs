namespace SupportBot.Handoff.Agents;

/// <summary>
/// One sign-in of an agent: what its token names (the token's "sid"). It lasts as long as the token unless it is
/// ended first (sign-out, a supervisor, or a change to the account).
/// </summary>
public sealed record AgentSession(
    string Id,
    string AgentId,
    string AgentName,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string? ClientAddress)
{
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

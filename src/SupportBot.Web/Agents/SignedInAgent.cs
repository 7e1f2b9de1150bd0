using System.Security.Claims;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Desk;

namespace SupportBot.Web.Agents;

/// <summary>The agent behind a hub connection or an agent API request, as their account says now.</summary>
public sealed record SignedInAgent(string Id, string Name, IReadOnlyList<string> Roles)
{
    private const string SessionClaim = "sid";

    /// <summary>The hub connection acting, when the agent acts through the hub.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>The session the agent's token names.</summary>
    public string SessionId { get; init; } = "";

    public bool IsSupervisor => Roles.Contains(AgentRoles.Supervisor);

    /// <summary>The agent as the desk's rules see them.</summary>
    public DeskAgent Desk => new(Id, Name, IsSupervisor, ConnectionId);

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Id),
            new Claim(ClaimTypes.Name, Name),
            new Claim(SessionClaim, SessionId),
            .. Roles.Select(r => new Claim(ClaimTypes.Role, r)),
        ],
        scheme));

    public static SignedInAgent From(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new SignedInAgent(id, user.FindFirstValue(ClaimTypes.Name) ?? id, [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)])
            {
                SessionId = user.FindFirstValue(SessionClaim) ?? "",
            }
            : throw new InvalidOperationException("The connection has no signed-in agent.");
}

using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;

namespace SupportBot.Web.Agents;

/// <summary>Why an agent's request was refused, or the agent it may act as.</summary>
public sealed record AgentCheck(SignedInAgent? Agent, string? Failure)
{
    public static AgentCheck Refused(string failure) => new(null, failure);
}

/// <summary>
/// Who may act as an agent right now. A token is only the start: every API request, hub connection and hub call
/// also needs its session to be live and its account to exist and be enabled; the roles come from the account, not
/// from the token, so a role taken away is gone at once.
/// </summary>
public sealed class AgentGate(AgentTokens tokens, IAgentSessions sessions, AgentDirectory directory, IOptions<AgentsOptions> options, TimeProvider clock)
{
    public const string InvalidToken = "The agent token is not valid or has expired.";
    public const string SessionEnded = "This session has ended (signed out, ended by a supervisor, or the account changed). Sign in again.";

    /// <summary>Starts a session for an agent whose password was just checked and returns its token.</summary>
    public async Task<string> SignInAsync(AgentAccount account, string? clientAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = new AgentSession(AgentSession.NewId(), account.Id, account.Name, account.Roles, now, now + options.Value.TokenLifetime, clientAddress);
        await sessions.StartAsync(session, cancellationToken);
        return await tokens.IssueAsync(session);
    }

    public TimeSpan TokenLifetime => options.Value.TokenLifetime;

    public async Task<AgentCheck> CheckTokenAsync(string token, CancellationToken cancellationToken) =>
        await tokens.ValidateAsync(token) is { } claims
            ? await CheckSessionAsync(claims.AgentId, claims.SessionId, cancellationToken)
            : AgentCheck.Refused(InvalidToken);

    public async Task<AgentCheck> CheckSessionAsync(string agentId, string sessionId, CancellationToken cancellationToken)
    {
        var session = sessions.FindAsync(sessionId, cancellationToken);
        var account = directory.FindAsync(agentId, cancellationToken);
        return await session is { } live && live.AgentId == agentId && await account is { Disabled: false } current
            ? new AgentCheck(new SignedInAgent(current.Id, current.Name, current.Roles) { SessionId = live.Id }, null)
            : AgentCheck.Refused(SessionEnded);
    }
}

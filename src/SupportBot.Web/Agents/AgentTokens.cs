using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportBot.Handoff.Agents;
using SupportBot.Web.Platform;

namespace SupportBot.Web.Agents;

/// <summary>What a genuine, unexpired agent token says: who, and which of their sessions.</summary>
public sealed record AgentTokenClaims(string AgentId, string SessionId);

/// <summary>
/// Issues and checks agents' bearer tokens: JWTs (HS256, pinned) for the agents' audience, signed with
/// <see cref="AgentSigningKey"/>, naming the agent ("sub") and the session ("sid"). The token alone grants nothing:
/// <see cref="AgentGate"/> checks the session and the account on every request.
/// </summary>
public sealed class AgentTokens(AgentSigningKey key, TimeProvider clock)
{
    private const string SessionClaim = "sid";
    private const string NameClaim = "name";
    private const string RolesClaim = "roles";

    private readonly JsonWebTokenHandler _handler = SupportBotTokens.NewHandler();
    private (SigningCredentials Signing, TokenValidationParameters Validation)? _parameters;

    public async Task<string> IssueAsync(AgentSession session)
    {
        var (signing, _) = await ParametersAsync();
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = session.AgentId,
            [SessionClaim] = session.Id,
            [NameClaim] = session.AgentName,

            // For the console's display only: what an agent may do is read from the account on every request.
            [RolesClaim] = session.Roles.ToArray(),
        };
        return _handler.CreateToken(SupportBotTokens.Descriptor(signing, SupportBotTokens.AgentAudience, claims, session.CreatedAt, session.ExpiresAt));
    }

    /// <summary>The agent and session the token names, or null when it is forged, for another audience, or expired.</summary>
    public async Task<AgentTokenClaims?> ValidateAsync(string token)
    {
        var (_, validation) = await ParametersAsync();
        var result = await _handler.ValidateTokenAsync(token, validation);
        return result.IsValid
            && result.SecurityToken is JsonWebToken jwt
            && jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var agentId) && agentId is { Length: > 0 }
            && jwt.TryGetPayloadValue<string>(SessionClaim, out var sessionId) && sessionId is { Length: > 0 }
            ? new AgentTokenClaims(agentId, sessionId)
            : null;
    }

    private async ValueTask<(SigningCredentials, TokenValidationParameters)> ParametersAsync() =>
        _parameters ??= SupportBotTokens.Parameters(await key.GetAsync(), SupportBotTokens.AgentAudience, clock);
}

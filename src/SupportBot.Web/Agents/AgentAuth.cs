using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Agents;

/// <summary>
/// Authenticates agents by their bearer token: the Authorization header, or the access_token query parameter that
/// SignalR's WebSocket and server-sent-events transports use (accepted on the hub's path only).
/// </summary>
public sealed class AgentAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AgentTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AgentToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim()
            : Request.Path.StartsWithSegments(AgentApi.HubPath) ? Request.Query["access_token"].ToString()
            : null;
        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(tokens.Validate(token) is { } agent
            ? AuthenticateResult.Success(new AuthenticationTicket(agent.ToPrincipal(SchemeName), SchemeName))
            : AuthenticateResult.Fail("The agent token is not valid or has expired."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await ApiError.Result(401, ErrorCodes.Unauthorized, "Sign in as an agent first: POST /agent/api/sign-in, then send the token as a bearer token.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ApiError.Result(403, ErrorCodes.Forbidden, "This needs another agent role.").ExecuteAsync(Context);
    }
}

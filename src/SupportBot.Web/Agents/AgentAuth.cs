using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.Agents;

/// <summary>
/// Authenticates agents by their bearer token: the Authorization header, or the access_token query parameter that
/// SignalR's WebSocket and server-sent-events transports use (accepted on the hub's path only). It is no default
/// scheme: only the endpoints that name it (agent API, maintainer API, hub) run it, never a customer's request.
/// </summary>
public sealed class AgentAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AgentGate gate)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AgentToken";

    private const string FailureItem = "SupportBot.AgentAuth.Failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request)
            ?? (Request.Path.StartsWithSegments(AgentApi.HubPath) ? Request.Query["access_token"].ToString() : null);
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var check = await gate.CheckTokenAsync(token, Context.RequestAborted);
        if (check.Agent is not { } agent)
        {
            Context.Items[FailureItem] = check.Failure;
            return AuthenticateResult.Fail(check.Failure!);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(agent.ToPrincipal(SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var error = Context.Items[FailureItem] is AgentGate.SessionEnded
            ? ApiError.Result(401, ErrorCodes.SessionEnded, AgentGate.SessionEnded)
            : ApiError.Result(401, ErrorCodes.Unauthorized, "Sign in as an agent first: POST /agent/api/sign-in, then send the token as a bearer token.");
        await error.ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ApiError.Result(403, ErrorCodes.Forbidden, "This needs another agent role.").ExecuteAsync(Context);
    }
}

using SupportBot.Handoff.Agents;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Agents;

/// <summary>
/// Sessions over HTTP: an agent signs out; a supervisor lists everyone's sessions and ends one. Ending a session
/// closes its console connections on every process (<see cref="AgentSessionWatcher"/>).
/// </summary>
public static class AgentSessionsApi
{
    /// <summary>Any signed-in agent whose session and account are still good.</summary>
    public const string AgentPolicy = "agent";

    public const string SupervisorPolicy = "supervisor";

    /// <summary>The signing key, the per-request gate and the watcher that closes ended sessions' connections.</summary>
    public static IServiceCollection AddAgentSessions(this IServiceCollection services)
    {
        services.AddSingleton<AgentSigningKey>();
        services.AddSingleton<AgentGate>();
        services.AddHostedService<AgentSessionWatcher>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AgentPolicy, policy => policy.AddAuthenticationSchemes(AgentAuth.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(SupervisorPolicy, policy => policy.AddAuthenticationSchemes(AgentAuth.SchemeName).RequireAuthenticatedUser().RequireRole(AgentRoles.Supervisor));
        return services;
    }

    public static IEndpointRouteBuilder MapAgentSessions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/agent/api/sign-out", SignOutAsync).RequireAuthorization(AgentPolicy);
        app.MapGet("/agent/api/sessions", ListAsync).RequireAuthorization(SupervisorPolicy);
        app.MapDelete("/agent/api/sessions/{id}", EndAsync).RequireAuthorization(SupervisorPolicy);
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAgentSessions sessions, CancellationToken cancellationToken)
    {
        await sessions.EndAsync(SignedInAgent.From(context.User).SessionId, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ListAsync(HttpContext context, IAgentSessions sessions, CancellationToken cancellationToken)
    {
        var current = SignedInAgent.From(context.User).SessionId;
        var all = await sessions.ListAsync(cancellationToken: cancellationToken);
        return Results.Json(new SessionList([.. all.Select(s => new SessionView(
            s.Id, s.AgentId, s.AgentName, s.Roles, s.CreatedAt, s.ExpiresAt, s.ClientAddress, s.Id == current))]));
    }

    private static async Task<IResult> EndAsync(string id, IAgentSessions sessions, CancellationToken cancellationToken) =>
        id.Length <= 100 && await sessions.EndAsync(id, cancellationToken)
            ? Results.NoContent()
            : ApiError.NotFound($"No live session '{id}'.");
}

public sealed record SessionList(IReadOnlyList<SessionView> Sessions);

public sealed record SessionView(
    string Id, string AgentId, string AgentName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? ClientAddress, bool Current);

using System.Text.Json.Serialization;
using SupportBot.Handoff.Agents;

namespace SupportBot.Web.Agents;

/// <summary>Supervisors see the sign-in throttles in force and clear an account's (GET/DELETE /agent/api/lockouts).</summary>
public static class LockoutApi
{
    public static IEndpointRouteBuilder MapLockouts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/agent/api/lockouts").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(AgentAuth.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(AgentRoles.Supervisor));
        group.MapGet("", ListAsync);
        group.MapDelete("/{account}", ClearAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(ISignInThrottle throttle, CancellationToken cancellationToken)
    {
        var lockouts = await throttle.ListAsync(cancellationToken);
        return Results.Json(new LockoutList([.. lockouts
            .OrderByDescending(l => l.BlockedUntil)
            .Select(l => new LockoutView(l.Account, l.ClientAddress, l.Failures, l.BlockedUntil.ToUniversalTime()))]));
    }

    private static async Task<IResult> ClearAsync(string account, ISignInThrottle throttle, HttpContext context, ILogger<ISignInThrottle> logger, CancellationToken cancellationToken)
    {
        await throttle.ClearAsync(account, cancellationToken);
        logger.LogInformation("Sign-in throttles of {Account} cleared by {Supervisor}", SignInLimits.NormalizeAccount(account), context.User.Identity?.Name);
        return Results.NoContent();
    }

    private sealed record LockoutList([property: JsonPropertyName("lockouts")] IReadOnlyList<LockoutView> Lockouts);

    private sealed record LockoutView(
        [property: JsonPropertyName("account")] string Account,
        [property: JsonPropertyName("clientAddress")] string? ClientAddress,
        [property: JsonPropertyName("failures")] int Failures,
        [property: JsonPropertyName("blockedUntil")] DateTimeOffset BlockedUntil);
}

using Microsoft.Extensions.Options;
using SupportBot.Agents;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Agents;

/// <summary>
/// Checks an agent's name and password. A wrong name and a wrong password get the same answer in the same time;
/// after Agents:MaxFailedSignIns failures the name is locked for Agents:LockoutDuration, right password or not.
/// </summary>
public sealed class AgentSignIn(AgentDirectory directory, ISignInAttempts attempts, AgentGate gate, IOptions<AgentsOptions> options)
{
    public async Task<IResult> SignInAsync(string name, string password, CancellationToken cancellationToken, string? clientAddress = null)
    {
        var key = name.Trim().ToLowerInvariant();
        var limits = options.Value;
        if (await attempts.CountAsync(key, cancellationToken) >= limits.MaxFailedSignIns)
        {
            return Locked(limits);
        }

        var account = await directory.FindAsync(key, cancellationToken);
        var valid = account is not null ? PasswordHasher.Verify(password, account.PasswordHash) : Dummy(password);
        if (!valid || account is null || account.Disabled)
        {
            var failures = await attempts.FailedAsync(key, limits.LockoutDuration, cancellationToken);
            return failures >= limits.MaxFailedSignIns
                ? Locked(limits)
                : ApiError.Result(StatusCodes.Status401Unauthorized, ErrorCodes.SignInFailed, "Wrong name or password.");
        }

        await attempts.ResetAsync(key, cancellationToken);
        var token = await gate.SignInAsync(account, clientAddress, cancellationToken);
        return Results.Json(new SignInResponse(token, (int)gate.TokenLifetime.TotalSeconds, account.Id, account.Name, account.Roles));
    }

    // Same work as a real check, so the time taken does not tell that the name does not exist.
    private static bool Dummy(string password)
    {
        PasswordHasher.VerifyDummy(password);
        return false;
    }

    private static IResult Locked(AgentsOptions limits) => ApiError.Result(
        StatusCodes.Status429TooManyRequests,
        ErrorCodes.AccountLocked,
        $"Too many failed sign-ins for this name. Try again in {Math.Ceiling(limits.LockoutDuration.TotalMinutes)} minutes.");
}

using System.Net;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Agents;

/// <summary>
/// Checks an agent's name and password. A wrong name and a wrong password get the same answer in the same time.
/// Every check is first reserved with the throttle (per name and client address, and per name across addresses),
/// so however many guesses arrive at once, no more checks run than the limits allow.
/// </summary>
public sealed class AgentSignIn(AgentDirectory directory, ISignInThrottle throttle, AgentGate gate, ILogger<AgentSignIn> logger)
{
    public async Task<IResult> SignInAsync(string name, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        var key = SignInLimits.NormalizeAccount(name);
        var address = SignInLimits.ClientKey(client);
        var permit = await throttle.TryBeginAsync(key, address, cancellationToken);
        if (!permit.Allowed)
        {
            logger.LogInformation("Sign-in as {Account} from {Address} refused for {Seconds} s: too many failures", key, address, Seconds(permit.RetryAfter));
            return Throttled(permit.RetryAfter);
        }

        var account = await directory.FindAsync(key, cancellationToken);
        var valid = account is not null ? PasswordHasher.Verify(password, account.PasswordHash) : Dummy(password);
        if (!valid || account is null || account.Disabled)
        {
            return ApiError.Result(StatusCodes.Status401Unauthorized, ErrorCodes.SignInFailed, "Wrong name or password.");
        }

        await throttle.SucceededAsync(key, address, cancellationToken);
        var token = await gate.SignInAsync(account, client?.ToString(), cancellationToken);
        return Results.Json(new SignInResponse(token, (int)gate.TokenLifetime.TotalSeconds, account.Id, account.Name, account.Roles));
    }

    // Same work as a real check, so the time taken does not tell that the name does not exist.
    private static bool Dummy(string password)
    {
        PasswordHasher.VerifyDummy(password);
        return false;
    }

    private static int Seconds(TimeSpan wait) => RetryAfter.Seconds(wait);

    private static IResult Throttled(TimeSpan wait) => RetryAfter.TooManyRequests(
        ErrorCodes.AccountLocked, $"Too many failed sign-ins for this name. Try again in {Seconds(wait)} seconds.", wait);
}

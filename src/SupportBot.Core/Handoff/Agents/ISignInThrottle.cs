namespace SupportBot.Handoff.Agents;

/// <summary>
/// How many password checks an account name may have, per client address and across all of them. Reserving a
/// check and counting it as a failure is one atomic step, so concurrent guesses cannot slip past the limits: the
/// reservation is taken back only when the password turns out right.
/// </summary>
public interface ISignInThrottle
{
    /// <summary>Reserves one password check for <paramref name="account"/> from <paramref name="address"/>, or says how long to wait.</summary>
    Task<SignInPermit> TryBeginAsync(string account, string? address, CancellationToken cancellationToken = default);

    /// <summary>
    /// The reserved check found the right password: it no longer counts as a failure, the address's own count is
    /// cleared, and the address is trusted for the account (exempt from the account-wide back-off) for a while.
    /// </summary>
    Task SucceededAsync(string account, string? address, CancellationToken cancellationToken = default);

    /// <summary>Every address blocked for an account, and every account in its account-wide back-off.</summary>
    Task<IReadOnlyList<SignInLockout>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears every throttle of the account, for all addresses (trusted addresses stay trusted).</summary>
    Task ClearAsync(string account, CancellationToken cancellationToken = default);
}

/// <summary>Whether a password check may run now; if not, how long until it may.</summary>
public readonly record struct SignInPermit(bool Allowed, TimeSpan RetryAfter)
{
    public static SignInPermit Granted { get; } = new(true, TimeSpan.Zero);

    public static SignInPermit Refused(TimeSpan retryAfter) => new(false, retryAfter);
}

/// <summary>
/// One throttle: an address blocked for an account (<see cref="ClientAddress"/> set), or the account-wide back-off
/// (<see cref="ClientAddress"/> null; <see cref="BlockedUntil"/> is when the next check from an untrusted address may
/// run, and may have passed while the failures are still recent).
/// </summary>
public sealed record SignInLockout(string Account, string? ClientAddress, int Failures, DateTimeOffset BlockedUntil);

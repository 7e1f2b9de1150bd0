namespace SupportBot.Agents;

/// <summary>Failed sign-ins per account name, for the lockout. Counts expire a window after the first failure.</summary>
public interface ISignInAttempts
{
    /// <summary>Counts one more failure and returns the count within the window.</summary>
    Task<int> FailedAsync(string name, TimeSpan window, CancellationToken cancellationToken = default);

    Task<int> CountAsync(string name, CancellationToken cancellationToken = default);

    Task ResetAsync(string name, CancellationToken cancellationToken = default);
}

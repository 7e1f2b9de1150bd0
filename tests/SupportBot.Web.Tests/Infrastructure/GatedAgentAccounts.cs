using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Agent accounts in the store with one account, "victim", whose lookups are counted and can be held at a gate.
/// Sign-in looks the account up right before every password check, so the count is the number of password checks.
/// </summary>
public sealed class GatedAgentAccounts : IAgentAccounts
{
    public const string Victim = "victim";

    private static readonly Lazy<AgentAccount> VictimAccount = new(() => new AgentAccount
    {
        Id = Victim,
        Name = "Victim",
        PasswordHash = PasswordHasher.Hash(AgentTestClient.Password),
        Roles = [AgentRoles.Agent],
    });

    private readonly MemoryAgentAccounts _inner = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _checks;

    public GatedAgentAccounts(bool open = true)
    {
        if (open)
        {
            Open();
        }
    }

    /// <summary>How many times the victim's account was looked up for a password check.</summary>
    public int Checks => Volatile.Read(ref _checks);

    public void Open() => _open.TrySetResult();

    public async Task WaitForChecksAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Checks < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async Task<AgentAccount?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (id != Victim)
        {
            return await _inner.FindAsync(id, cancellationToken);
        }

        Interlocked.Increment(ref _checks);
        await _open.Task.WaitAsync(cancellationToken);
        return VictimAccount.Value;
    }

    public async Task<IReadOnlyList<AgentAccount>> AllAsync(CancellationToken cancellationToken = default) =>
        [VictimAccount.Value, .. await _inner.AllAsync(cancellationToken)];

    public Task SaveAsync(AgentAccount account, CancellationToken cancellationToken = default) => _inner.SaveAsync(account, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, cancellationToken);
}

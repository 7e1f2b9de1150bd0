namespace SupportBot.Handoff.Agents;

/// <summary>
/// In-process twin of <see cref="RedisAgentAccounts"/>: accounts added at run time, gone when the process stops; a
/// removal or a change of password, roles or status ends the account's sessions, as there.
/// </summary>
public sealed class MemoryAgentAccounts(IAgentSessions? sessions = null) : IAgentAccounts
{
    private readonly Dictionary<string, AgentAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<AgentAccount?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<AgentAccount>> AllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AgentAccount> all = [.. _accounts.Values.OrderBy(a => a.Id, StringComparer.Ordinal)];
            return Task.FromResult(all);
        }
    }

    public async Task SaveAsync(AgentAccount account, CancellationToken cancellationToken = default)
    {
        AgentAccount? previous;
        lock (_gate)
        {
            previous = _accounts.GetValueOrDefault(account.Id);
            _accounts[account.Id] = account;
        }

        if (sessions is not null && previous is not null && previous.EndsSessionsWhenReplacedBy(account))
        {
            await sessions.EndAllAsync(account.Id, cancellationToken);
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        bool deleted;
        lock (_gate)
        {
            deleted = _accounts.Remove(id);
        }

        if (sessions is not null)
        {
            await sessions.EndAllAsync(id, cancellationToken);
        }

        return deleted;
    }
}

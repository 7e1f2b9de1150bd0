namespace SupportBot.Agents;

/// <summary>In-process twin of <see cref="RedisAgentAccounts"/>: accounts added at run time, gone when the process stops.</summary>
public sealed class MemoryAgentAccounts : IAgentAccounts
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

    public Task SaveAsync(AgentAccount account, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _accounts[account.Id] = account;
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_accounts.Remove(id));
        }
    }
}

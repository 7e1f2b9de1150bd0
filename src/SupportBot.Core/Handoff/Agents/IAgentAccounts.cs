namespace SupportBot.Handoff.Agents;

/// <summary>Agent accounts kept in the store (Redis when configured), beside those in configuration (Agents:Accounts).</summary>
public interface IAgentAccounts
{
    Task<AgentAccount?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AgentAccount>> AllAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the account with this id.</summary>
    Task SaveAsync(AgentAccount account, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}

namespace SupportBot.Handoff.Agents;

/// <summary>
/// Which agents are online, across every server process. Each console connection is an entry refreshed by its
/// process's heartbeat; an entry not refreshed within the timeout is gone (a process that died takes its
/// agents offline with it).
/// </summary>
public interface IAgentPresence
{
    Task ConnectedAsync(string agentId, string connectionId, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task DisconnectedAsync(string agentId, string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Marks these connections (this process's) as still alive.</summary>
    Task RefreshAsync(IReadOnlyCollection<(string AgentId, string ConnectionId)> connections, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Sets the agent's status; it stays set across reconnects (Available until set otherwise).</summary>
    Task SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken = default);

    /// <summary>Agents with a connection refreshed after <paramref name="now"/> minus <paramref name="timeout"/>.</summary>
    Task<IReadOnlyList<AgentPresence>> OnlineAsync(DateTimeOffset now, TimeSpan timeout, CancellationToken cancellationToken = default);
}

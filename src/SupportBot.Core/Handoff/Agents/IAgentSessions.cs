namespace SupportBot.Handoff.Agents;

/// <summary>
/// Agents' sessions across every server process, and the news that one ended. Ending a session tells every
/// subscriber (every process with Redis), which closes its console connections.
/// </summary>
public interface IAgentSessions
{
    Task StartAsync(AgentSession session, CancellationToken cancellationToken = default);

    /// <summary>The session, or null when it never existed, was ended or has expired.</summary>
    Task<AgentSession?> FindAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Live sessions, newest first; only <paramref name="agentId"/>'s when given.</summary>
    Task<IReadOnlyList<AgentSession>> ListAsync(string? agentId = null, CancellationToken cancellationToken = default);

    /// <summary>Ends one session; false when there was no such live session.</summary>
    Task<bool> EndAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends every live session of the agent; returns how many there were.</summary>
    Task<int> EndAllAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="ended"/> with the id of every session ended from now on, by any process.</summary>
    Task SubscribeAsync(Action<string> ended, CancellationToken cancellationToken = default);
}

namespace SupportBot.Handoff.Agents;

/// <summary>In-process twin of <see cref="RedisAgentPresence"/>: the same connection entries and timeout, for one process.</summary>
public sealed class MemoryAgentPresence : IAgentPresence
{
    private readonly Dictionary<(string AgentId, string ConnectionId), DateTimeOffset> _connections = [];
    private readonly Dictionary<string, AgentStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task ConnectedAsync(string agentId, string connectionId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _connections[(agentId, connectionId)] = now;
        }

        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(string agentId, string connectionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _connections.Remove((agentId, connectionId));
        }

        return Task.CompletedTask;
    }

    public Task RefreshAsync(IReadOnlyCollection<(string AgentId, string ConnectionId)> connections, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var connection in connections)
            {
                _connections[connection] = now;
            }
        }

        return Task.CompletedTask;
    }

    public Task SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _statuses[agentId] = status;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentPresence>> OnlineAsync(DateTimeOffset now, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var cutoff = now - timeout;
            foreach (var stale in _connections.Where(c => c.Value <= cutoff).Select(c => c.Key).ToList())
            {
                _connections.Remove(stale);
            }

            IReadOnlyList<AgentPresence> online = [.. _connections.Keys
                .GroupBy(c => c.AgentId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new AgentPresence(g.Key, _statuses.GetValueOrDefault(g.Key, AgentStatus.Available), g.Count()))];
            return Task.FromResult(online);
        }
    }
}

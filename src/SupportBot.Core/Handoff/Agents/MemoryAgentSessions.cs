namespace SupportBot.Handoff.Agents;

/// <summary>In-process twin of <see cref="RedisAgentSessions"/>: sessions and their end, for one process.</summary>
public sealed class MemoryAgentSessions(TimeProvider clock) : IAgentSessions
{
    private readonly Dictionary<string, AgentSession> _sessions = new(StringComparer.Ordinal);
    private readonly List<Action<string>> _subscribers = [];
    private readonly Lock _gate = new();

    public Task StartAsync(AgentSession session, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _sessions[session.Id] = session;
        }

        return Task.CompletedTask;
    }

    public Task<AgentSession?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.TryGetValue(sessionId, out var session) && session.ExpiresAt > clock.GetUtcNow() ? session : null);
        }
    }

    public Task<IReadOnlyList<AgentSession>> ListAsync(string? agentId = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            foreach (var expired in _sessions.Values.Where(s => s.ExpiresAt <= now).Select(s => s.Id).ToList())
            {
                _sessions.Remove(expired);
            }

            IReadOnlyList<AgentSession> live = [.. _sessions.Values
                .Where(s => agentId is null || s.AgentId == agentId)
                .OrderByDescending(s => s.CreatedAt)
                .ThenBy(s => s.Id, StringComparer.Ordinal)];
            return Task.FromResult(live);
        }
    }

    public Task<bool> EndAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Action<string>[] subscribers;
        lock (_gate)
        {
            if (!_sessions.Remove(sessionId, out var session) || session.ExpiresAt <= clock.GetUtcNow())
            {
                return Task.FromResult(false);
            }

            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber(sessionId);
        }

        return Task.FromResult(true);
    }

    public async Task<int> EndAllAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var ended = 0;
        foreach (var session in await ListAsync(agentId, cancellationToken))
        {
            ended += await EndAsync(session.Id, cancellationToken) ? 1 : 0;
        }

        return ended;
    }

    public Task SubscribeAsync(Action<string> ended, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _subscribers.Add(ended);
        }

        return Task.CompletedTask;
    }
}

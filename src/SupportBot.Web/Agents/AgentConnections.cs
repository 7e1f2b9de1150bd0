using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace SupportBot.Web.Agents;

/// <summary>
/// This process's live agent connections: which its heartbeat keeps present in the shared presence store, and
/// which session each belongs to, so an ended session's connections can be closed.
/// </summary>
public sealed class AgentConnections
{
    private readonly ConcurrentDictionary<string, string> _agentByConnection = new();
    private readonly ConcurrentDictionary<string, SessionConnection> _sessionByConnection = new();

    public void Add(string agentId, string connectionId) => _agentByConnection[connectionId] = agentId;

    public void Remove(string connectionId) => _agentByConnection.TryRemove(connectionId, out _);

    public IReadOnlyCollection<(string AgentId, string ConnectionId)> All =>
        [.. _agentByConnection.Select(p => (p.Value, p.Key))];

    public void Track(string agentId, string sessionId, HubCallerContext connection) =>
        _sessionByConnection[connection.ConnectionId] = new SessionConnection(agentId, sessionId, connection);

    public void Untrack(string connectionId) => _sessionByConnection.TryRemove(connectionId, out _);

    /// <summary>Each session with an open connection here, once.</summary>
    public IReadOnlyCollection<(string AgentId, string SessionId)> Sessions =>
        [.. _sessionByConnection.Values.Select(c => (c.AgentId, c.SessionId)).Distinct()];

    /// <summary>Closes every connection of the session on this process; returns how many.</summary>
    public int Close(string sessionId)
    {
        var closed = 0;
        foreach (var (connectionId, connection) in _sessionByConnection)
        {
            if (connection.SessionId == sessionId && _sessionByConnection.TryRemove(connectionId, out _))
            {
                connection.Context.Abort();
                closed++;
            }
        }

        return closed;
    }

    /// <summary>The hub group of one agent's connections (their tabs), across processes.</summary>
    public static string Group(string agentId) => $"agent:{agentId}";

    /// <summary>The hub group of every signed-in agent.</summary>
    public const string Everyone = "agents";

    private sealed record SessionConnection(string AgentId, string SessionId, HubCallerContext Context);
}

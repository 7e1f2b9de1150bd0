using System.Collections.Concurrent;

namespace SupportBot.Web.Agents;

/// <summary>This process's live agent connections, which its heartbeat keeps present in the shared presence store.</summary>
public sealed class AgentConnections
{
    private readonly ConcurrentDictionary<string, string> _agentByConnection = new();

    public void Add(string agentId, string connectionId) => _agentByConnection[connectionId] = agentId;

    public void Remove(string connectionId) => _agentByConnection.TryRemove(connectionId, out _);

    public IReadOnlyCollection<(string AgentId, string ConnectionId)> All =>
        [.. _agentByConnection.Select(p => (p.Value, p.Key))];

    /// <summary>The hub group of one agent's connections (their tabs), across processes.</summary>
    public static string Group(string agentId) => $"agent:{agentId}";

    /// <summary>The hub group of every signed-in agent.</summary>
    public const string Everyone = "agents";
}

using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Handoff.Agents;

/// <summary>
/// Agent presence in Redis: one sorted-set entry per console connection, scored by its last refresh, so every
/// process sees every agent and a dead process's connections lapse on their own. A refresh re-adds an entry
/// already trimmed, so a process back from a long pause brings its agents back; the price is that a refresh
/// racing a disconnect may show that connection for one more timeout.
/// </summary>
public sealed class RedisAgentPresence(IConnectionMultiplexer redis, RedisKeys keys) : IAgentPresence
{
    // Agent ids are sign-in names and connection ids SignalR's: neither holds a line break.
    private const char Separator = '\n';

    public async Task ConnectedAsync(string agentId, string connectionId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().SortedSetAddAsync(keys.AgentConnections, Member(agentId, connectionId), now.ToUnixTimeMilliseconds());

    public async Task DisconnectedAsync(string agentId, string connectionId, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().SortedSetRemoveAsync(keys.AgentConnections, Member(agentId, connectionId));

    public async Task RefreshAsync(IReadOnlyCollection<(string AgentId, string ConnectionId)> connections, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (connections.Count == 0)
        {
            return;
        }

        var score = now.ToUnixTimeMilliseconds();
        await redis.GetDatabase().SortedSetAddAsync(keys.AgentConnections, [.. connections.Select(c => new SortedSetEntry(Member(c.AgentId, c.ConnectionId), score))]);
    }

    public async Task SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().HashSetAsync(keys.AgentStatuses, agentId, status.ToString());

    public async Task<IReadOnlyList<AgentPresence>> OnlineAsync(DateTimeOffset now, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var cutoff = (now - timeout).ToUnixTimeMilliseconds();

        // Entries not refreshed within the timeout count as gone; dropping them here keeps dead processes' entries
        // from piling up.
        await db.SortedSetRemoveRangeByScoreAsync(keys.AgentConnections, double.NegativeInfinity, cutoff);
        var members = db.SortedSetRangeByScoreAsync(keys.AgentConnections, cutoff, double.PositiveInfinity, Exclude.Start);
        var statuses = db.HashGetAllAsync(keys.AgentStatuses);
        var status = (await statuses).ToDictionary(s => (string)s.Name!, s => Enum.Parse<AgentStatus>((string)s.Value!), StringComparer.Ordinal);
        return [.. (await members)
            .Select(m => (string)m!)
            .Select(m => m[..m.LastIndexOf(Separator)])
            .GroupBy(agentId => agentId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgentPresence(g.Key, status.GetValueOrDefault(g.Key, AgentStatus.Available), g.Count()))];
    }

    private static string Member(string agentId, string connectionId) => $"{agentId}{Separator}{connectionId}";
}

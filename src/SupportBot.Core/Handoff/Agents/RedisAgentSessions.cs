using System.Text.Json;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Handoff.Agents;

/// <summary>
/// Agents' sessions in Redis, shared by every server process and the CLI: one key per session that lapses with its
/// token, an index to list them, and a channel that tells every process which session ended.
/// </summary>
public sealed class RedisAgentSessions(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider? clock = null) : IAgentSessions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Delete, unlist and announce in one step, so the news goes out exactly once.
    private static readonly LuaScript EndScript = RedisScripts.Load("agent-session-end");

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task StartAsync(AgentSession session, CancellationToken cancellationToken = default)
    {
        var lifetime = session.ExpiresAt - _clock.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var batch = redis.GetDatabase().CreateBatch();
        var saved = batch.StringSetAsync(keys.AgentSession(session.Id), JsonSerializer.Serialize(session, Json), lifetime);
        var listed = batch.SortedSetAddAsync(keys.AgentSessions, session.Id, session.ExpiresAt.ToUnixTimeMilliseconds());
        batch.Execute();
        await Task.WhenAll(saved, listed);
    }

    public async Task<AgentSession?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var json = await redis.GetDatabase().StringGetAsync(keys.AgentSession(sessionId));
        return json.IsNull ? null : Read(json);
    }

    public async Task<IReadOnlyList<AgentSession>> ListAsync(string? agentId = null, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        await db.SortedSetRemoveRangeByScoreAsync(keys.AgentSessions, double.NegativeInfinity, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        var ids = await db.SortedSetRangeByRankAsync(keys.AgentSessions);
        if (ids.Length == 0)
        {
            return [];
        }

        var sessions = await db.StringGetAsync([.. ids.Select(id => keys.AgentSession((string)id!))]);
        return [.. sessions
            .Where(json => !json.IsNull)
            .Select(Read)
            .Where(s => agentId is null || s.AgentId == agentId)
            .OrderByDescending(s => s.CreatedAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<bool> EndAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var ended = await EndScript.EvaluateAsync(
            redis.GetDatabase(), [keys.AgentSession(sessionId), keys.AgentSessions], [sessionId, keys.AgentSessionEnded.ToString()]);
        return (int)ended == 1;
    }

    public async Task<int> EndAllAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var ended = await Task.WhenAll((await ListAsync(agentId, cancellationToken)).Select(s => EndAsync(s.Id, cancellationToken)));
        return ended.Count(e => e);
    }

    public async Task SubscribeAsync(Action<string> ended, CancellationToken cancellationToken = default) =>
        await redis.GetSubscriber().SubscribeAsync(keys.AgentSessionEnded, (_, id) => ended((string)id!));

    private static AgentSession Read(RedisValue json) => JsonSerializer.Deserialize<AgentSession>((string)json!, Json)!;
}

using System.Text.Json;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Handoff.Agents;

/// <summary>
/// Agent accounts in one Redis hash, id → JSON, shared by every server process and the CLI. Removing an account, or
/// changing its password or roles or disabling it, ends its sessions here, so every path that changes accounts
/// (the CLI included) signs the agent out everywhere.
/// </summary>
public sealed class RedisAgentAccounts(IConnectionMultiplexer redis, RedisKeys keys, IAgentSessions? sessions = null) : IAgentAccounts
{
    private readonly IAgentSessions _sessions = sessions ?? new RedisAgentSessions(redis, keys);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    public async Task<AgentAccount?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var json = await redis.GetDatabase().HashGetAsync(keys.AgentAccounts, id);
        return json.IsNull ? null : Read(json);
    }

    public async Task<IReadOnlyList<AgentAccount>> AllAsync(CancellationToken cancellationToken = default)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.AgentAccounts);
        return [.. entries.Select(e => Read(e.Value)).OrderBy(a => a.Id, StringComparer.Ordinal)];
    }

    public async Task SaveAsync(AgentAccount account, CancellationToken cancellationToken = default)
    {
        var previous = await redis.GetDatabase().HashGetAsync(keys.AgentAccounts, account.Id);
        await redis.GetDatabase().HashSetAsync(keys.AgentAccounts, account.Id, JsonSerializer.Serialize(account, Json));
        if (!previous.IsNull && Read(previous).EndsSessionsWhenReplacedBy(account))
        {
            await _sessions.EndAllAsync(account.Id, cancellationToken);
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var deleted = await redis.GetDatabase().HashDeleteAsync(keys.AgentAccounts, id);
        await _sessions.EndAllAsync(id, cancellationToken);
        return deleted;
    }

    private static AgentAccount Read(RedisValue json) => JsonSerializer.Deserialize<AgentAccount>((string)json!, Json)!;
}

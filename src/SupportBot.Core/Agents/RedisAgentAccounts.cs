using System.Text.Json;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Agents;

/// <summary>Agent accounts in one Redis hash, id → JSON, shared by every server process and the CLI.</summary>
public sealed class RedisAgentAccounts(IConnectionMultiplexer redis, RedisKeys keys) : IAgentAccounts
{
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

    public async Task SaveAsync(AgentAccount account, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().HashSetAsync(keys.AgentAccounts, account.Id, JsonSerializer.Serialize(account, Json));

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().HashDeleteAsync(keys.AgentAccounts, id);

    private static AgentAccount Read(RedisValue json) => JsonSerializer.Deserialize<AgentAccount>((string)json!, Json)!;
}

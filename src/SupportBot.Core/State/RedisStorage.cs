using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Redis;

namespace SupportBot.State;

/// <summary>Bot state in Redis, one hash a key; the eTag check and the write happen in one script.</summary>
public sealed class RedisStorage(IConnectionMultiplexer redis, RedisKeys keys, IOptions<StateOptions> options) : IStorage
{
    private static readonly LuaScript WriteScript = RedisScripts.Load("state-write");

    public async Task<IDictionary<string, JsonObject>> ReadAsync(string[] storageKeys, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var reads = storageKeys.Select(k => db.HashGetAsync(keys.State(k), ["json", "etag"])).ToArray();
        var values = await Task.WhenAll(reads);
        var result = new Dictionary<string, JsonObject>();
        for (var i = 0; i < storageKeys.Length; i++)
        {
            if (values[i] is [{ HasValue: true } json, { HasValue: true } etag])
            {
                result[storageKeys[i]] = StoreItems.FromStoredJson(((ReadOnlyMemory<byte>)json).Span, etag!);
            }
        }

        return result;
    }

    // RedisConversationLog reads this storage's hash for the key (turn-next.lua) as it hands a turn out.
    public bool TryTakePreloaded(TurnPreload preload, string key, out JsonObject? item)
    {
        item = null;
        if (!preload.TryTakeState(key, out var json, out var etag))
        {
            return false;
        }

        if (etag is not null)
        {
            item = StoreItems.FromStoredJson(json.Span, etag);
        }

        return true;
    }

    public async Task WriteAsync(IDictionary<string, JsonObject> changes, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        foreach (var (key, item) in changes)
        {
            var etag = StoreItems.NewETag();
            var ttl = options.Value.TtlFor(key);
            var written = (int)await WriteScript.EvaluateAsync(db, [keys.State(key)],
                [StoreItems.ExpectedETag(item) ?? "", etag, StoreItems.ToStoredJson(item), (long)(ttl?.TotalMilliseconds ?? 0)]);
            if (written == 0)
            {
                throw new ETagConflictException(key);
            }

            item[StoreItems.ETagProperty] = etag;
        }
    }

    public async Task DeleteAsync(string[] storageKeys, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        await db.KeyDeleteAsync([.. storageKeys.Select(keys.State)]);
    }

    // The channel is part of a state key, and a user's state outlives their conversations: walk them all.
    public async Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var prefix = keys.State("").ToString();
        await foreach (var key in RedisScan.KeysAsync(redis, keys.StatePattern))
        {
            if (StateKeys.Belongs(key.ToString()[prefix.Length..], customerId, conversationIds))
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Web.Agents;

/// <summary>
/// The key agent tokens are signed with, independent of every other secret: derived from Agents:TokenSecret when
/// set; otherwise a random key made once and shared through Redis (the first process to ask makes it, SET NX), or,
/// with the in-memory store, one for this process, whose in-memory sessions end with it anyway.
/// </summary>
public sealed class AgentSigningKey(IOptions<AgentsOptions> options, IServiceProvider services, ILogger<AgentSigningKey> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async ValueTask<byte[]> GetAsync()
    {
        if (_key is { } known)
        {
            return known;
        }

        await _gate.WaitAsync();
        try
        {
            return _key ??= await ResolveAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> ResolveAsync()
    {
        if (options.Value.TokenSecret is { Length: > 0 } secret)
        {
            logger.LogInformation("Agent tokens: signed with the key from Agents:TokenSecret.");
            return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "supportbot/agents/token-signing"u8);
        }

        if (services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            var keys = services.GetRequiredService<RedisKeys>();
            var db = redis.GetDatabase();
            var made = await db.StringSetAsync(keys.AgentTokenKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), when: When.NotExists);
            var key = Convert.FromBase64String((string)(await db.StringGetAsync(keys.AgentTokenKey))!);
            logger.LogInformation(
                "Agent tokens: Agents:TokenSecret is empty; signed with a random key {Origin} and shared through Redis by every process ({Key}).",
                made ? "made by this process" : "made earlier", keys.AgentTokenKey.ToString());
            return key;
        }

        logger.LogWarning("Agent tokens: Agents:TokenSecret is empty and the store is in memory; signed with a random key of this process (agents sign in again after a restart).");
        return RandomNumberGenerator.GetBytes(32);
    }
}

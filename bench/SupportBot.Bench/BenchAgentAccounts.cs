using System.Security.Cryptography;
using StackExchange.Redis;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Bench;

/// <summary>
/// The benchmark's agent accounts, written straight into the server's Redis with the server's own store and
/// hashing: "bench-agent-001" and on, one random password for the run, hashed once (PBKDF2 is slow on purpose).
/// </summary>
internal sealed class BenchAgentAccounts(IConnectionMultiplexer redis, string prefix)
{
    private readonly RedisAgentAccounts _accounts = new(redis, new RedisKeys(prefix));

    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static string Id(int index) => $"bench-agent-{index + 1:D3}";

    public async Task<IReadOnlyList<string>> SeedAsync(int count, int capacity)
    {
        var hash = PasswordHasher.Hash(Password);
        var ids = Enumerable.Range(0, count).Select(Id).ToList();
        await Task.WhenAll(ids.Select((id, i) => _accounts.SaveAsync(new AgentAccount { Id = id, Name = $"Agent {i + 1}", PasswordHash = hash, Capacity = capacity })));
        return ids;
    }

    public Task DeleteAsync(IEnumerable<string> ids) => Task.WhenAll(ids.Select(id => _accounts.DeleteAsync(id)));
}

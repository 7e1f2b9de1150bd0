using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Conversations;

/// <summary>
/// archive:pending in Redis, filled by the conversation append scripts (one ZADD inside each, no extra round trip
/// on a turn) and emptied by the archive worker of any process through archive-claim.lua and archive-done.lua.
/// </summary>
public sealed class RedisArchiveQueue(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider clock) : IArchiveQueue
{
    private static readonly LuaScript Claim = RedisScripts.Load("archive-claim");
    private static readonly LuaScript Done = RedisScripts.Load("archive-done");

    public async Task<IReadOnlyList<string>> ClaimAsync(int maxCount, TimeSpan hold, TimeSpan settle, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var ids = (RedisResult[])(await Claim.EvaluateAsync(
            redis.GetDatabase(), [keys.ArchivePending, keys.ArchiveClaims],
            [now.ToUnixTimeMilliseconds(), (now + hold).ToUnixTimeMilliseconds(), maxCount, (now - settle).ToUnixTimeMilliseconds()]))!;
        return [.. ids.Select(id => (string)id!)];
    }

    public Task MarkArchivedAsync(string conversationId, long sequence, DateTimeOffset? readAt, CancellationToken cancellationToken = default) =>
        Done.EvaluateAsync(
            redis.GetDatabase(), [keys.Conversation(conversationId), keys.ArchivePending, keys.ArchiveClaims],
            [conversationId, sequence, readAt is { } at ? at.ToUnixTimeMilliseconds() : ""]);

    public Task ReleaseAsync(IReadOnlyList<string> conversationIds, CancellationToken cancellationToken = default) =>
        conversationIds.Count == 0
            ? Task.CompletedTask
            : redis.GetDatabase().SortedSetRemoveAsync(keys.ArchiveClaims, [.. conversationIds.Select(id => (RedisValue)id)]);

    public async Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        await Task.WhenAll(db.SortedSetRemoveAsync(keys.ArchivePending, conversationId), db.SortedSetRemoveAsync(keys.ArchiveClaims, conversationId));
    }

    public Task<long> DueCountAsync(TimeSpan settle, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().SortedSetLengthAsync(keys.ArchivePending, double.NegativeInfinity, (clock.GetUtcNow() - settle).ToUnixTimeMilliseconds());

    public async Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default)
    {
        var oldest = await redis.GetDatabase().SortedSetRangeByRankWithScoresAsync(keys.ArchivePending, 0, 0);
        if (oldest.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var lag = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds((long)oldest[0].Score);
        return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
    }
}

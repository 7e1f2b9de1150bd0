using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Conversations;

/// <summary>
/// The turn lock across server processes: a lease in Redis (<c>SET NX PX</c>) holding a token of the turn that
/// took it. The lease lapses by itself after Conversations:TurnLockLease, so a process killed mid-turn cannot lock
/// a conversation for good; a turn that outlives its lease is still guarded by the state's eTag.
/// </summary>
public sealed class RedisTurnLock(
    IConnectionMultiplexer redis, RedisKeys keys, IOptions<ConversationOptions> options, ILogger<RedisTurnLock> logger) : ITurnLock
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(100);

    // Deletes the lease only while it is still this turn's: once it lapsed, it may be another process's.
    private static readonly LuaScript ReleaseScript = LuaScript.Prepare("""
        if redis.call('GET', @key) == @token then return redis.call('DEL', @key) end
        return 0
        """);

    // Turns waiting in this process queue here first, so only one of them at a time polls Redis.
    private readonly MemoryTurnLock _local = new(options);

    public async Task<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var wait = options.Value.TurnLockWait;
        var started = Stopwatch.GetTimestamp();
        var local = await _local.TryAcquireAsync(conversationId, wait, cancellationToken)
            ?? throw new TurnLockTimeoutException(conversationId, wait);
        try
        {
            var db = redis.GetDatabase();
            var key = keys.TurnLock(conversationId);
            var token = Guid.NewGuid().ToString("N");
            var backoff = FirstBackoff;
            while (!await db.StringSetAsync(key, token, options.Value.TurnLockLease, When.NotExists))
            {
                var left = wait - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw new TurnLockTimeoutException(conversationId, wait);
                }

                await Task.Delay(backoff < left ? backoff : left, cancellationToken);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
            }

            return new Lease(this, conversationId, key, token, local);
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    private async Task ReleaseAsync(string conversationId, RedisKey key, string token)
    {
        try
        {
            if ((int)await ReleaseScript.EvaluateAsync(redis.GetDatabase(), new { key, token }) == 0)
            {
                logger.LogWarning("A turn in conversation {ConversationId} outlived its {Lease} lease (Conversations:TurnLockLease)", conversationId, options.Value.TurnLockLease);
            }
        }
        catch (RedisException e)
        {
            // The turn itself is done; the lease lapses on its own.
            logger.LogWarning(e, "Could not release the turn lock of conversation {ConversationId}", conversationId);
        }
    }

    private sealed class Lease(RedisTurnLock owner, string conversationId, RedisKey key, string token, IAsyncDisposable local) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                try
                {
                    await owner.ReleaseAsync(conversationId, key, token);
                }
                finally
                {
                    await local.DisposeAsync();
                }
            }
        }
    }
}

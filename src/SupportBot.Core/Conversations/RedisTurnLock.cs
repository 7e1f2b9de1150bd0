using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Conversations;

/// <summary>
/// The turn lock across server processes: a lease in Redis (<c>SET NX PX</c>) holding a token of the turn that
/// took it. The lease is short (Conversations:TurnLockLease) and renewed while its turn runs, so a process killed
/// mid-turn blocks its conversation for a few seconds only; a turn that loses its lease anyway (Redis was
/// unreachable for longer) is still guarded by the state's eTag.
/// </summary>
public sealed class RedisTurnLock(
    IConnectionMultiplexer redis, RedisKeys keys, IOptions<ConversationOptions> options, ILogger<RedisTurnLock> logger) : ITurnLock
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(100);

    private static readonly LuaScript ReleaseScript = RedisScripts.Load("turn-lock-release");
    private static readonly LuaScript RenewScript = RedisScripts.Load("turn-lock-renew");

    private TimeSpan Renewal => options.Value.TurnLockRenewal;

    // Turns waiting in this process queue here first, so only one of them at a time polls Redis.
    private readonly MemoryTurnLock _local = new(options);

    public async Task<ITurnLease> AcquireAsync(string conversationId, CancellationToken cancellationToken) =>
        await TryAcquireAsync(conversationId, options.Value.TurnLockWait, cancellationToken)
        ?? throw new TurnLockTimeoutException(conversationId, options.Value.TurnLockWait);

    public Task<ITurnLease?> TryAcquireAsync(string conversationId, TimeSpan wait, CancellationToken cancellationToken) =>
        TryAcquireAsync(conversationId, wait, firstAttempt: null, cancellationToken);

    public async Task<ITurnLease?> TryAcquireAsync(string conversationId, TimeSpan wait, Func<string, Task<bool>>? firstAttempt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (await _local.TryAcquireAsync(conversationId, wait, cancellationToken) is not { } local)
        {
            return null;
        }

        try
        {
            var db = redis.GetDatabase();
            var key = keys.TurnLock(conversationId);
            var token = Guid.NewGuid().ToString("N");
            var backoff = FirstBackoff;
            var taken = firstAttempt is null
                ? await db.StringSetAsync(key, token, options.Value.TurnLockLease, When.NotExists)
                : await firstAttempt(token);
            while (!taken)
            {
                var left = wait - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    await local.DisposeAsync();
                    return null;
                }

                await Task.Delay(backoff < left ? backoff : left, cancellationToken);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
                taken = await db.StringSetAsync(key, token, options.Value.TurnLockLease, When.NotExists);
            }

            return new Lease(this, conversationId, key, token, local);
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    // Stopped by disposing the timer, which ends the wait with false: cancelling a token instead would throw and
    // catch an exception on every turn, which cost more CPU than the rest of the lease's bookkeeping.
    private async Task RenewUntilReleasedAsync(string conversationId, RedisKey key, string token, PeriodicTimer timer, Func<bool> released)
    {
        var lease = (long)options.Value.TurnLockLease.TotalMilliseconds;
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                if ((int)await RenewScript.EvaluateAsync(redis.GetDatabase(), [key], [token, lease]) == 0 && !released())
                {
                    logger.LogWarning("A turn in conversation {ConversationId} lost its lease (Conversations:TurnLockLease) while it ran", conversationId);
                    return;
                }
            }
            catch (RedisException e)
            {
                // Redis is away: the lease may lapse, and the next renewal finds out whether it did.
                logger.LogWarning(e, "Could not renew the turn lock of conversation {ConversationId}", conversationId);
            }
            catch (ObjectDisposedException)
            {
                return; // the process is shutting down; the lease lapses
            }
        }
    }

    private async Task ReleaseAsync(string conversationId, RedisKey key, string token)
    {
        try
        {
            if ((int)await ReleaseScript.EvaluateAsync(redis.GetDatabase(), [key], [token]) == 0)
            {
                logger.LogWarning("A turn in conversation {ConversationId} outlived its {Lease} lease (Conversations:TurnLockLease)", conversationId, options.Value.TurnLockLease);
            }
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // The turn itself is done; the lease lapses on its own, within Conversations:TurnLockLease.
            logger.LogWarning(e, "Could not release the turn lock of conversation {ConversationId}", conversationId);
        }
    }

    private sealed class Lease : ITurnLease
    {
        private readonly RedisTurnLock _owner;
        private readonly string _conversationId;
        private readonly RedisKey _key;
        private readonly string _token;
        private readonly IAsyncDisposable _local;
        private readonly PeriodicTimer _renewal;
        private readonly Task _renewing;
        private int _disposed;
        private int _releasedByStore;

        public Lease(RedisTurnLock owner, string conversationId, RedisKey key, string token, IAsyncDisposable local)
        {
            (_owner, _conversationId, _key, _token, _local) = (owner, conversationId, key, token, local);
            _renewal = new PeriodicTimer(owner.Renewal);
            _renewing = owner.RenewUntilReleasedAsync(conversationId, key, token, _renewal, () => Volatile.Read(ref _releasedByStore) == 1 || Volatile.Read(ref _disposed) == 1);
        }

        public string Token => _token;

        public void ReleasedByStore()
        {
            if (Interlocked.Exchange(ref _releasedByStore, 1) == 0 && Volatile.Read(ref _disposed) == 0)
            {
                _renewal.Dispose(); // no renewal may find the lease gone and call it lost
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                try
                {
                    _renewal.Dispose();
                    await _renewing;
                    if (Volatile.Read(ref _releasedByStore) == 0)
                    {
                        await _owner.ReleaseAsync(_conversationId, _key, _token);
                    }
                }
                finally
                {
                    await _local.DisposeAsync();
                }
            }
        }
    }
}

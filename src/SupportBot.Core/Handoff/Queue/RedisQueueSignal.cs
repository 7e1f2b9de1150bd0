using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Handoff.Queue;

/// <summary>Carries every process's <see cref="QueueSignal"/> to all the others over <see cref="RedisKeys.QueueChanged"/>.</summary>
public static class RedisQueueSignal
{
    public static QueueSignal Create(IConnectionMultiplexer redis, RedisKeys keys)
    {
        var signal = new QueueSignal();
        var subscriber = redis.GetSubscriber();
        // Fire-and-forget both ways: a raise never waits for Redis, and with Redis down at startup the multiplexer
        // subscribes once it connects (the lease holder's timed pass covers what is missed meanwhile).
        subscriber.Subscribe(keys.QueueChanged, (_, _) => signal.RaiseHere(), CommandFlags.FireAndForget);
        signal.BroadcastWith(() => subscriber.Publish(keys.QueueChanged, "", CommandFlags.FireAndForget));
        return signal;
    }
}

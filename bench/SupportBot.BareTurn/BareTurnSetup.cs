using StackExchange.Redis;

namespace SupportBot.BareTurn;

public static class BareTurnSetup
{
    /// <summary>Connects to Redis, loads the append script and subscribes to the streams before the server answers.</summary>
    public static void AddBareTurn(this WebApplicationBuilder builder)
    {
        var options = BareOptions.From(builder.Configuration);
        if (options.RedisConnectionString.Length == 0)
        {
            throw new InvalidOperationException("Set Redis:ConnectionString (Redis__ConnectionString): the bare turn is Redis work.");
        }

        var redis = ConnectionMultiplexer.Connect(options.RedisConnectionString);
        var keys = new BareKeys(options.KeyPrefix);
        var sha = BareStore.LoadAppendScriptAsync(redis).GetAwaiter().GetResult();
        var streams = new BareStreams(redis, keys);
        streams.SubscribeAsync().GetAwaiter().GetResult();

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddSingleton(new BareStore(redis, keys, sha));
        builder.Services.AddSingleton(streams);
        builder.Services.AddSingleton(TimeProvider.System);
    }
}

using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Insights.Archive;
using SupportBot.Redis;
using SupportBot.State;

namespace SupportBot.Web.Hosting;

/// <summary>Where this server keeps its data, decided once at startup: Redis when Redis:ConnectionString is set.</summary>
public sealed class StoreChoice(RedisOptions redis)
{
    public RedisOptions Redis { get; } = redis;

    public bool UsesRedis => Redis.IsConfigured;
}

/// <summary>
/// Every store's registration, in one place: the Redis implementation of each store interface, or its in-memory twin.
/// The features ask for the interfaces only; a feature that needs Redis for something else (the SignalR backplane)
/// reads the returned <see cref="StoreChoice"/> rather than deciding again.
/// </summary>
public static class Stores
{
    public static StoreChoice AddStores(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .Validate(o => o.Problem() is null, "Redis: WaitForReplicas cannot be negative; WaitTimeout must be between 1 millisecond and 30 seconds.")
            .ValidateOnStart();
        services.AddOptions<StateOptions>().BindConfiguration(StateOptions.Section)
            .Validate(o => o.ConversationStateTtl > TimeSpan.Zero && o.UserStateTtl > TimeSpan.Zero, "State TTLs must be positive.")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section)
            .Validate(o => o.Problem() is null, "Conversations: Ttl and TurnLockWait must be positive, TurnLockLease between 1 second and 1 minute.")
            .ValidateOnStart();

        var choice = new StoreChoice(builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions());
        services.AddSingleton(choice);
        if (choice.UsesRedis)
        {
            AddRedisStores(services, choice.Redis);
        }
        else
        {
            AddMemoryStores(services);
        }

        return choice;
    }

    private static void AddMemoryStores(IServiceCollection services)
    {
        services.AddSingleton<MemoryConversationLog>();
        services.AddSingleton<IConversationLog>(sp => sp.GetRequiredService<MemoryConversationLog>());
        services.AddSingleton<IArchiveQueue>(sp => sp.GetRequiredService<MemoryConversationLog>());
        services.AddSingleton<IConversationReferences, MemoryConversationReferences>();
        services.AddSingleton<IStorage, MemoryStorage>();
        services.AddSingleton<IAttachmentStore, MemoryAttachmentStore>();
        services.AddSingleton<ITurnLock, MemoryTurnLock>();
        services.AddSingleton<IHandoffStore, MemoryHandoffStore>();
        services.AddSingleton<IQueueLease, MemoryQueueLease>();
        services.AddSingleton<ITicketStore, MemoryTicketStore>();
        services.AddSingleton<IAgentSessions>(sp => new MemoryAgentSessions(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAgentAccounts>(sp => new MemoryAgentAccounts(sp.GetRequiredService<IAgentSessions>()));
        services.AddSingleton<IAgentPresence, MemoryAgentPresence>();
        services.AddSingleton<ISignInThrottle, MemorySignInThrottle>();
    }

    private static void AddRedisStores(IServiceCollection services, RedisOptions redis)
    {
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = RedisFailover.Prepare(ConfigurationOptions.Parse(redis.ConnectionString));
            options.AbortOnConnectFail = false; // keep retrying; /healthz answers 503 meanwhile
            // The library's own steps (reconnects, reconfigurations, a Sentinel switch) with timestamps, under the
            // "StackExchange.Redis" category: how long each step of a failover took, at Information level.
            options.LoggerFactory = sp.GetRequiredService<ILoggerFactory>();
            var connection = ConnectionMultiplexer.Connect(options);
            RedisConnectionEvents.Log(connection, sp.GetRequiredService<ILogger<RedisConnectionEvents>>());
            return connection;
        });
        services.AddSingleton(new RedisKeys(redis.KeyPrefix));
        services.AddSingleton<RedisReplicaWait>();
        services.AddSingleton<IConversationLog>(sp => new RedisConversationLog(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisKeys>(), sp.GetRequiredService<IOptions<ConversationOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisConversationLog>>(),
            sp.GetRequiredService<RedisReplicaWait>(),
            queueForArchive: sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.Enabled,
            turnStateKey: StateKeys.ForConversationId)); // the state is RedisStorage's, below: turns come with it
        services.AddSingleton<IArchiveQueue, RedisArchiveQueue>();
        services.AddSingleton<IConversationReferences, RedisConversationReferences>();
        services.AddSingleton<IStorage, RedisStorage>();
        services.AddSingleton<IAttachmentStore, RedisAttachmentStore>();
        services.AddSingleton<ITurnLock, RedisTurnLock>();
        services.AddSingleton<IHandoffStore, RedisHandoffStore>();
        services.AddSingleton<IQueueLease, RedisQueueLease>();
        services.AddSingleton<ITicketStore, RedisTicketStore>();
        services.AddSingleton<IAgentSessions>(sp => new RedisAgentSessions(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisKeys>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAgentAccounts, RedisAgentAccounts>();
        services.AddSingleton<IAgentPresence, RedisAgentPresence>();
        services.AddSingleton<ISignInThrottle, RedisSignInThrottle>();
    }
}

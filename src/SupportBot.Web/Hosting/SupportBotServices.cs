using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Attachments;
using SupportBot.Bot;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Intents;
using SupportBot.Orders;
using SupportBot.Redis;
using SupportBot.State;
using SupportBot.Web.Agents;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Maintainers;
using SupportBot.Web.Platform;
using SupportBot.Web.Widget;

namespace SupportBot.Web.Hosting;

/// <summary>Every registration SupportBot's host needs, in one place.</summary>
public static class SupportBotServices
{
    public static IHostApplicationBuilder AddSupportBot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        services.AddOptions<StateOptions>().BindConfiguration(StateOptions.Section)
            .Validate(o => o.ConversationStateTtl > TimeSpan.Zero && o.UserStateTtl > TimeSpan.Zero, "State TTLs must be positive.")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section)
            .Validate(o => o.Problem() is null, "Conversations: Ttl and TurnLockWait must be positive, TurnLockLease between 1 second and 1 minute.")
            .ValidateOnStart();
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section)
            .Validate(o => o.TokenLifetime >= TimeSpan.FromMinutes(1), "DirectLine:TokenLifetime must be at least a minute.")
            .Validate(o => o.MaxTextLength > 0 && o.MaxActivityBytes > 1024 && o.MaxUploadBytes > 0 && o.MaxFilesPerUpload > 0, "DirectLine size limits must be positive.")
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero && o.MaxActivitiesPerRead > 0, "DirectLine:KeepAliveInterval and MaxActivitiesPerRead must be positive.")
            .Validate(o => TrustedBaseUrl.IsValidPublicBaseUrl(o.PublicBaseUrl) && TrustedBaseUrl.AreValidHosts(o.TrustedHosts), "DirectLine:PublicBaseUrl is an absolute http(s) URL, and AllowedHosts names hosts (not \"*\").")
            .Validate(o => o.AttachmentUrlKey.Length is 0 or >= 32, "DirectLine:AttachmentUrlKey needs at least 32 characters.")
            .ValidateOnStart();
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section)
            .Validate(o => o.MaxSlotAttempts >= 1, "Bot:MaxSlotAttempts must be at least 1.")
            .Validate(o => o.TopicSwitchConfidence is >= 0f and <= 1f, "Bot:TopicSwitchConfidence must be between 0 and 1.")
            .ValidateOnStart();
        services.AddOptions<WidgetOptions>().BindConfiguration(WidgetOptions.Section);
        services.AddOptions<IntentOptions>().BindConfiguration(IntentOptions.Section);
        services.AddSingleton(TimeProvider.System);

        var redis = AddStores(builder);
        builder.AddAgents(redis);

        services.AddOptions<OrderOptions>().BindConfiguration(OrderOptions.Section)
            .Validate(o => o.LookupLatency >= TimeSpan.Zero, "Orders:LookupLatency must not be negative.")
            .Validate(o => o.NumberFormat.Contains("{digits}", StringComparison.Ordinal), "Orders:NumberFormat must contain {digits}.")
            .ValidateOnStart();
        AddDialogs(services);
        services.AddSingleton<IIntentClassifier>(sp =>
        {
            var intents = sp.GetRequiredService<IOptions<IntentOptions>>().Value;
            var path = Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, intents.ModelPath);
            return new IntentClassifier(path, intents.ReloadOnChange, sp.GetRequiredService<ILogger<IntentClassifier>>());
        });
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddSingleton<SupportBot.Builder.IMiddleware>(sp => new AutoSaveStateMiddleware(
            sp.GetRequiredService<ConversationState>(), sp.GetRequiredService<UserState>()));
        services.AddSingleton<IBot, SupportDeskBot>();

        services.AddSingleton<TokenService>();
        services.AddSingleton<DirectLineAuth>();
        services.AddSingleton<ActivityRequestReader>();
        services.AddSingleton<UploadReader>();
        services.AddSingleton<AttachmentUrls>();
        services.AddSingleton<DirectLineAdapter>();
        services.AddSingleton<TurnQueue>();
        services.AddSingleton<ConversationService>();
        services.AddHostedService<PendingTurnRecovery>();
        services.AddWidget();
        services.AddRequestLimits();
        services.AddMaintainers();
        services.AddHealth();
        services.AddHostedService<StartupReport>();
        return builder;
    }

    /// <summary>The dialogs folder (reloaded on change), the demo order source and the actions dialogs call on it.</summary>
    private static void AddDialogs(IServiceCollection services)
    {
        services.AddSingleton<OrderNumbers>();
        services.AddSingleton<IOrderSource>(sp =>
        {
            var orders = sp.GetRequiredService<IOptions<OrderOptions>>().Value;
            var path = Path.GetFullPath(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, orders.DemoDataPath));
            return new DemoOrderSource(path, sp.GetRequiredService<IStorage>(), sp.GetRequiredService<TimeProvider>(), orders.LookupLatency);
        });
        services.AddSingleton<IEnumerable<IDialogAction>>(sp =>
        [
            .. OrderActions.Create(sp.GetRequiredService<IOrderSource>()),
            new TicketActions(sp.GetRequiredService<ITicketStore>(), sp.GetRequiredService<IAgentNotifier>(), sp.GetRequiredService<TimeProvider>()),
        ]);
        services.AddSingleton(sp =>
        {
            var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            var path = Path.GetFullPath(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, bot.DialogsPath));
            return new DialogCatalogProvider(path, DialogActions.Descriptors, bot.ReloadDialogs, sp.GetRequiredService<ILogger<DialogCatalogProvider>>());
        });
        services.AddSingleton<SlotRecognizer>();
        services.AddSingleton(sp => new DialogEngine(
            sp.GetRequiredService<DialogCatalogProvider>(),
            sp.GetRequiredService<IEnumerable<IDialogAction>>(),
            sp.GetRequiredService<SlotRecognizer>(),
            sp.GetRequiredService<IIntentClassifier>(),
            sp.GetRequiredService<ConversationState>(),
            sp.GetRequiredService<IOptions<BotOptions>>().Value,
            sp.GetRequiredService<HandoffService>()));
    }

    /// <summary>Redis when a connection string is configured, otherwise the in-memory twins.</summary>
    private static RedisOptions AddStores(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.IsConfigured)
        {
            services.AddSingleton<IConversationLog, MemoryConversationLog>();
            services.AddSingleton<IStorage, MemoryStorage>();
            services.AddSingleton<IAttachmentStore, MemoryAttachmentStore>();
            services.AddSingleton<ITurnLock, MemoryTurnLock>();
            return redis;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis.ConnectionString);
            options.AbortOnConnectFail = false; // keep retrying; /healthz answers 503 meanwhile
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton(new RedisKeys(redis.KeyPrefix));
        services.AddSingleton<IConversationLog, RedisConversationLog>();
        services.AddSingleton<IStorage, RedisStorage>();
        services.AddSingleton<IAttachmentStore, RedisAttachmentStore>();
        services.AddSingleton<ITurnLock, RedisTurnLock>();
        return redis;
    }
}

using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Attachments;
using SupportBot.Bot;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Intents;
using SupportBot.Localization;
using SupportBot.Redis;
using SupportBot.State;
using SupportBot.Web.DirectLine;
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
            .Validate(o => o.Ttl > TimeSpan.Zero, "Conversations:Ttl must be positive.")
            .ValidateOnStart();
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section)
            .Validate(o => o.TokenLifetime >= TimeSpan.FromMinutes(1), "DirectLine:TokenLifetime must be at least a minute.")
            .Validate(o => o.MaxTextLength > 0 && o.MaxActivityBytes > 1024 && o.MaxUploadBytes > 0 && o.MaxFilesPerUpload > 0, "DirectLine size limits must be positive.")
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero && o.MaxActivitiesPerRead > 0, "DirectLine:KeepAliveInterval and MaxActivitiesPerRead must be positive.")
            .ValidateOnStart();
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateOnStart();
        services.AddOptions<WidgetOptions>().BindConfiguration(WidgetOptions.Section);
        services.AddOptions<IntentOptions>().BindConfiguration(IntentOptions.Section);
        services.AddSingleton(TimeProvider.System);

        AddStores(builder);

        services.AddSingleton(sp =>
        {
            var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            var path = Path.GetFullPath(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, bot.DialogsPath));
            return BotStrings.Load(path, MessageKeys.Required);
        });
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
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<DirectLineAdapter>();
        services.AddSingleton<ConversationService>();
        services.AddWidget();
        services.AddHostedService<StartupReport>();
        return builder;
    }

    /// <summary>Redis when a connection string is configured, otherwise the in-memory twins.</summary>
    private static void AddStores(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.IsConfigured)
        {
            services.AddSingleton<IConversationLog, MemoryConversationLog>();
            services.AddSingleton<IStorage, MemoryStorage>();
            services.AddSingleton<IAttachmentStore, MemoryAttachmentStore>();
            return;
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
    }
}

using SupportBot.Bot;
using SupportBot.Builder;
using SupportBot.Dialogs;
using SupportBot.State;

namespace SupportBot.Web.Bot;

/// <summary>The bot itself: its options, the conversation and user state it saves after every turn, and the desk bot.</summary>
public static class BotFeature
{
    public static IHostApplicationBuilder AddBot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section)
            .Validate(o => o.MaxSlotAttempts >= 1, "Bot:MaxSlotAttempts must be at least 1.")
            .Validate(o => o.TopicSwitchConfidence is >= 0f and <= 1f, "Bot:TopicSwitchConfidence must be between 0 and 1.")
            .ValidateOnStart();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddSingleton<SupportBot.Builder.IMiddleware>(sp => new AutoSaveStateMiddleware(
            sp.GetRequiredService<ConversationState>(), sp.GetRequiredService<UserState>()));
        services.AddSingleton<IBot, SupportDeskBot>();
        return builder;
    }
}

using Microsoft.Extensions.Options;
using SupportBot.Bot;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Intents;
using SupportBot.Orders;
using SupportBot.State;
using SupportBot.Handoff.Tickets;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Escalation;

namespace SupportBot.Web.Bot;

/// <summary>The dialogs folder (reloaded on change), the demo order source and the actions dialogs call on it, and the engine that runs them.</summary>
public static class DialogsFeature
{
    public static IHostApplicationBuilder AddDialogs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OrderOptions>().BindConfiguration(OrderOptions.Section)
            .Validate(o => o.LookupLatency >= TimeSpan.Zero, "Orders:LookupLatency must not be negative.")
            .Validate(o => o.NumberFormat.Contains("{digits}", StringComparison.Ordinal), "Orders:NumberFormat must contain {digits}.")
            .ValidateOnStart();
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
        return builder;
    }
}

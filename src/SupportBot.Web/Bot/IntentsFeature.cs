using Microsoft.Extensions.Options;
using SupportBot.Intents;

namespace SupportBot.Web.Bot;

/// <summary>The intent classifier: the ML.NET model at Intents:ModelPath, reloaded when the file changes if asked.</summary>
public static class IntentsFeature
{
    public static IHostApplicationBuilder AddIntents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IntentOptions>().BindConfiguration(IntentOptions.Section);
        services.AddSingleton<IIntentClassifier>(sp =>
        {
            var intents = sp.GetRequiredService<IOptions<IntentOptions>>().Value;
            var path = Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, intents.ModelPath);
            return new IntentClassifier(path, intents.ReloadOnChange, sp.GetRequiredService<ILogger<IntentClassifier>>());
        });
        return builder;
    }
}

using StackExchange.Redis;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Agents;
using SupportBot.Intents;
using SupportBot.Redis;

namespace SupportBot.Web.Hosting;

/// <summary>A service a feature wants built when the server starts: its constructor checks files or options, or says something worth a startup line.</summary>
public sealed record BuiltAtStartup(Type Service);

public static class StartupReporting
{
    /// <summary>Last of the features: it builds what the others asked for at startup and says where conversations live.</summary>
    public static IHostApplicationBuilder AddStartupReport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }

    public static IServiceCollection AddBuiltAtStartup<T>(this IServiceCollection services) where T : class =>
        services.AddSingleton(new BuiltAtStartup(typeof(T)));
}

/// <summary>
/// Builds the stores, strings and token keys at startup (so a bad dialog file or option stops the server
/// before it takes traffic) and says in one line where conversations live.
/// </summary>
internal sealed class StartupReport(IServiceProvider services, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dialogs = services.GetRequiredService<DialogCatalogProvider>().Current;
        foreach (var early in services.GetServices<BuiltAtStartup>())
        {
            services.GetRequiredService(early.Service);
        }

        services.GetRequiredService<IConversationLog>();
        if (services.GetRequiredService<IIntentClassifier>() is IntentClassifier classifier)
        {
            var unanswered = classifier.Current.Card.Labels.Where(l => l != IntentNames.OutOfScope && dialogs.Find(l) is null).ToList();
            if (unanswered.Count > 0)
            {
                logger.LogWarning("The intent model knows intents with no dialog (dialogs/intents/<intent>.json); the bot says it did not understand them: {Intents}",
                    string.Join(", ", unanswered));
            }
        }

        var handoff = services.GetRequiredService<IOptions<HandoffOptions>>().Value;
        var agents = services.GetRequiredService<IOptions<AgentsOptions>>().Value;
        if (handoff.Enabled)
        {
            logger.LogInformation(
                "Hand-off to agents: on; {Accounts} agent account(s) in configuration (more may be in Redis); business hours {Hours}; auto-assign {AutoAssign}. Agent console at /agent/.",
                agents.Accounts.Count, handoff.BusinessHours.Describe(System.Globalization.CultureInfo.InvariantCulture), handoff.AutoAssign ? "on" : "off");
        }
        else
        {
            logger.LogInformation("Hand-off to agents: off (Handoff:Enabled is false); the talk_to_human dialog gives contact details instead.");
        }

        if (services.GetService<IConnectionMultiplexer>() is { } multiplexer)
        {
            var endpoints = string.Join(", ", multiplexer.GetEndPoints().Select(e => e.ToString()));
            var redis = services.GetRequiredService<IOptions<RedisOptions>>().Value;
            var sentinel = ConfigurationOptions.Parse(redis.ConnectionString);
            if (RedisFailover.IsSentinel(sentinel))
            {
                // The endpoints are the primary and its replicas; the one in use is the primary the sentinels named.
                var primary = multiplexer.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica)?.EndPoint.ToString();
                logger.LogInformation(
                    "Conversation store: Redis primary {Primary} of Sentinel service {Service} (sentinels {Sentinels}; servers {Endpoints}); follows failovers. Appends wait for {Replicas} replica(s) (Redis:WaitForReplicas).",
                    primary ?? "NOT reachable yet, retrying", sentinel.ServiceName, string.Join(", ", sentinel.EndPoints.Select(e => e.ToString())), endpoints, redis.WaitForReplicas);
            }
            else
            {
                logger.LogInformation(
                    "Conversation store: Redis at {Endpoints} ({State}); conversations survive restarts and are shared by every process on it.",
                    endpoints, multiplexer.IsConnected ? "connected" : "NOT reachable yet, retrying");
            }
        }
        else
        {
            logger.LogWarning(
                "Conversation store: in-memory (Redis:ConnectionString is empty); conversations are lost when this process stops.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Intents;
using SupportBot.Metrics;
using SupportBot.Redis;
using SupportBot.Schema;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Before the server listens (so before /healthz answers), runs customer turns in four languages through a throwaway
/// copy of the server: the same features, settings and middleware, but with its own key prefix on Redis (or on the
/// in-memory stores without it), its own loopback port and none of SupportBot's background services, so nothing reaches
/// this server's conversations, queue, indexes or archive and what it wrote is deleted. First turns in process, then
/// turns over HTTP and WebSockets in rounds, each waiting for the compiler to finish with what the turns made hot.
/// A freshly started process otherwise spends its first half minute under load compiling the turn's code; a rolling
/// restart under load meets exactly that. A warm-up that fails is logged and the server starts cold.
/// </summary>
public static class WarmUpFeature
{
    /// <summary>Registered after every other hosted service, so it runs once they have started and before Kestrel listens.</summary>
    public static IHostApplicationBuilder AddWarmUp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WarmUpOptions>().BindConfiguration(WarmUpOptions.Section)
            .Validate(o => o.Turns >= 0 && o.MaxDuration >= TimeSpan.Zero, "WarmUp: Turns and MaxDuration must not be negative.")
            .ValidateOnStart();
        builder.Services.AddHostedService<WarmUp>();
        return builder;
    }
}

public sealed partial class WarmUp(
    IOptions<WarmUpOptions> options, IConfiguration configuration, IHostEnvironment environment, StoreChoice stores,
    IIntentClassifier classifier, ILogger<WarmUp> logger)
    : IHostedService
{
    private const string ServiceUrl = "http://warm-up.invalid/";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (turns, httpTurns, maxDuration) = (options.Value.Turns, options.Value.HttpTurns, options.Value.MaxDuration);
        if (turns <= 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var prefix = $"{stores.Redis.KeyPrefix}warm-up:{Guid.NewGuid():N}:";
        try
        {
            int ran, overHttp;
            TimeSpan inProcess;
            await using (var copy = BuildCopy(prefix))
            {
                await copy.StartAsync(cancellationToken);
                ran = await RunTurnsAsync(copy.Services.GetRequiredService<ConversationService>(), turns, started, maxDuration, cancellationToken);
                inProcess = Stopwatch.GetElapsedTime(started);
                overHttp = 0;
                for (var round = 0; round < HttpRounds && overHttp < httpTurns && Stopwatch.GetElapsedTime(started) < maxDuration; round++)
                {
                    overHttp += await RunHttpTurnsAsync(copy, Math.Min(httpTurns - overHttp, (httpTurns + HttpRounds - 1) / HttpRounds), started, maxDuration, cancellationToken);
                    await WaitForTheJitAsync(started, maxDuration, cancellationToken);
                }

                await copy.StopAsync(CancellationToken.None);
                if (stores.UsesRedis)
                {
                    await DeleteKeysAsync(copy.Services.GetRequiredService<IConnectionMultiplexer>(), prefix);
                }
            }

            // What the copy held is garbage now: give it back before traffic comes, rather than carry it as RSS.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var turnsTook = Stopwatch.GetElapsedTime(started);
            await WaitForTheJitAsync(started, maxDuration, cancellationToken);
            logger.LogInformation(
                "Warmed up with {Turns} turns {Where} and {HttpTurns} over HTTP in {Seconds:0.0} s ({InProcessSeconds:0.0} s in process), then {JitSeconds:0.0} s until the compiler had finished with them",
                ran, stores.UsesRedis ? "on Redis" : "in memory", overHttp, turnsTook.TotalSeconds, inProcess.TotalSeconds, (Stopwatch.GetElapsedTime(started) - turnsTook).TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The warm-up failed after {Seconds:0.0} s; the server starts cold", Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The turns leave hot methods queued for re-compilation at the top tier (tiered compilation with dynamic PGO); the
    // first customers should not share the cores with that queue. Done when no method has been compiled for a quarter
    // of a second, or when WarmUp:MaxDuration is up. Measured: the first 10 s after /healthz ran 11% more turns
    // (docs/performance.md, 2026-12-06).
    private static async Task WaitForTheJitAsync(long started, TimeSpan maxDuration, CancellationToken cancellationToken)
    {
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (Stopwatch.GetElapsedTime(started) < maxDuration)
        {
            await Task.Delay(250, cancellationToken);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }

    // The server's own features, settings and middleware, listening on a loopback port of its own (not the server's, nor
    // any endpoint its configuration names) with none of SupportBot's background services: no archive worker copies
    // its conversations, no sweep or watcher runs on its prefix.
    private WebApplication BuildCopy(string prefix)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = environment.ContentRootPath,
            EnvironmentName = environment.EnvironmentName,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{WarmUpOptions.Section}:{nameof(WarmUpOptions.Turns)}"] = "0",
            [$"{RedisOptions.Section}:{nameof(RedisOptions.KeyPrefix)}"] = prefix,
            // Whatever the deletion misses expires soon.
            ["Conversations:Ttl"] = "00:05:00",
            ["State:ConversationStateTtl"] = "00:05:00",
            ["State:UserStateTtl"] = "00:05:00",
            ["Orders:LookupLatency"] = "00:00:00",
            // Its HTTP turns all come from one loopback client, faster than any customer may.
            ["Widget:SessionsPerMinutePerClient"] = "1000000",
            ["Limits:ActivitiesPerMinute"] = "1000000",
        });
        builder.Services.AddLogging(); // no providers: the copy's turns are not this server's to log
        builder.Services.AddRouting();
        Program.AddFeatures(builder);
        foreach (var service in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && IsSupportBots(d)).ToList())
        {
            builder.Services.Remove(service);
        }

        // Its turns are not the server's: counted on a meter of another name, which nothing exports.
        builder.Services.AddSingleton(services => new SupportBotMetrics(services.GetRequiredService<TimeProvider>(), $"{SupportBotMetrics.MeterName}.WarmUp"));
        // The server's own classifier (the largest thing it holds): warmed where it serves, and not loaded twice.
        builder.Services.AddSingleton(classifier);
        var copy = builder.Build();
        Program.UseFeatures(copy);
        return copy;
    }

    private static bool IsSupportBots(ServiceDescriptor service) =>
        (service.ImplementationType ?? service.ImplementationFactory?.Method.DeclaringType ?? service.ImplementationInstance?.GetType())?.Assembly == typeof(WarmUp).Assembly;

    private static async Task<int> RunTurnsAsync(ConversationService conversations, int turns, long started, TimeSpan maxDuration, CancellationToken cancellationToken)
    {
        var ran = 0;
        for (var round = 0; ran < turns && Stopwatch.GetElapsedTime(started) < maxDuration; round++)
        {
            var (locale, messages) = Scripts[round % Scripts.Length];
            var conversation = await conversations.StartAsync(
                new ConversationRecord($"warmup{round}x{Guid.NewGuid():N}", $"dl_warmup{round}", "Warm-up", locale, DateTimeOffset.UtcNow),
                ServiceUrl,
                cancellationToken);
            foreach (var text in messages)
            {
                // Parsed from the wire as a posted activity is, so the serialiser's code is warm too.
                var activity = JsonSerializer.Deserialize(
                    JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Message, Text = text, Locale = locale }, SchemaJson.Wire.Activity),
                    SchemaJson.Wire.Activity)!;
                await conversations.PostAsync(conversation, activity, ServiceUrl, cancellationToken);
                ran++;
            }
        }

        return ran;
    }

    private static async Task DeleteKeysAsync(IConnectionMultiplexer redis, string prefix)
    {
        var db = redis.GetDatabase();
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: $"{prefix}*", pageSize: 500))
            {
                await db.KeyDeleteAsync(key, CommandFlags.FireAndForget);
            }
        }

        await db.PingAsync(); // the deletes sent before it are done
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Intents;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Hosting;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// The real server, built exactly as Program.cs builds it, on Kestrel at a free loopback port inside the test
/// process; settings and services can be overridden per test.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Secret = "test-secret";

    /// <summary>
    /// The shipped model, loaded once for every app of this test process that serves it: each load holds a few hundred
    /// MB until collected, and with apps started side by side the test process reached 24 GB and was killed (the
    /// model retrained with 18,000 n-grams a length). Apps that name their own model or reload it get their own.
    /// </summary>
    private static readonly Lazy<IntentClassifier> SharedClassifier = new(() =>
        new IntentClassifier(Path.Combine(RepositoryPaths.Root, "models", "intent-model.zip"), reloadOnChange: false, NullLogger<IntentClassifier>.Instance));

    private readonly WebApplication _app;

    private TestApp(WebApplication app, string baseUrl, LogCapture logs)
    {
        _app = app;
        BaseUrl = baseUrl;
        Logs = logs;
        var secret = app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.Secret;
        Client = new DirectLineTestClient(new HttpClient { BaseAddress = new Uri(baseUrl) }, secret);
    }

    public string BaseUrl { get; }

    public DirectLineTestClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the app logged from Information up, though the console shows only warnings.</summary>
    public LogCapture Logs { get; }

    public static async Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = RepositoryPaths.WebContentRoot,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var logs = new LogCapture();
        builder.Logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Information)
            .AddFilter<LogCapture>(HostingFeature.DataProtectionLogs, LogLevel.Error); // as the server's own filter
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = Secret,
            ["Bot:DialogsPath"] = RepositoryPaths.Dialogs,
            ["Widget:SessionsPerMinutePerClient"] = "1000",
            ["Agents:SignInsPerMinutePerClient"] = "1000",
            ["Orders:LookupLatency"] = "00:00:00",
            ["WarmUp:Turns"] = "0",

            // Each app its own archive file, so tests running side by side never read each other's conversations.
            ["Archive:Settle"] = "00:00:00", // tests read the archive right after a turn
            ["Archive:WorkerNice"] = "0", // a niced worker would lag behind the test on a loaded machine
            ["Archive:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"supportbot-test-archive-{Guid.NewGuid():N}.db"),

            // Protocol and dialog tests see the bot on its own (nonsense twice would reach an agent otherwise);
            // the hand-off tests switch it on.
            ["Handoff:Enabled"] = "false",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        Program.AddFeatures(builder);
        if (settings is null || !settings.Keys.Any(k => k.StartsWith("Intents:", StringComparison.Ordinal)))
        {
            // Registered as an instance, so no app's container disposes it.
            builder.Services.AddSingleton<IIntentClassifier>(SharedClassifier.Value);
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        Program.UseFeatures(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApp(app, address, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using SupportBot.Web.Agents;
using SupportBot.Web.Archive;
using SupportBot.Web.Bot;
using SupportBot.Web.BotFramework;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Hosting;
using SupportBot.Web.Insights;
using SupportBot.Web.Mail;
using SupportBot.Web.Maintainers;
using SupportBot.Web.Metrics;
using SupportBot.Web.Platform;
using SupportBot.Web.Widget;

var builder = WebApplication.CreateBuilder(args);
Program.AddFeatures(builder);
var app = builder.Build();
Program.UseFeatures(app);
app.Run();

/// <summary>The server's table of contents: one line a feature, each registered and mapped in its own folder.</summary>
public partial class Program
{
    public static void AddFeatures(IHostApplicationBuilder builder)
    {
        // The host: the clock, request and rate limits, trusted proxies.
        builder.AddHosting();

        // Every store, Redis when Redis:ConnectionString is set and the in-memory twins otherwise: decided here only.
        var stores = builder.AddStores();

        // The bot: intent classifier, dialogs and the actions they call, state and the bot itself.
        builder.AddIntents();
        builder.AddDialogs();
        builder.AddBot();

        // Agents: the hand-off's rules and queue policy, then the console's sign-in, sessions, desk and hub.
        builder.AddHandoff();
        builder.AddAgentConsole(stores);

        // Customers: the Direct Line channel and the widget that embeds it.
        builder.AddDirectLine();
        builder.AddWidget();

        // Azure Bot Service, Teams, the Emulator and the Playground: POST /api/messages and the connector client.
        builder.AddBotFrameworkChannel();

        // The durable conversation archive (SQLite or PostgreSQL), its worker, history and privacy requests.
        builder.AddArchive();

        // Maintainers; the figures supervisors read (/insights/, /api/insights); health; /metrics for Prometheus.
        builder.AddMaintainers();
        builder.AddInsights();
        builder.AddHealth();
        builder.AddSupportBotMetrics();

        // Mail to customers (ticket replies, transcripts): SMTP, or .eml files in a folder when none is set.
        builder.AddMail();

        // Last: builds what must fail fast and says in the log where conversations live; then, before the server
        // listens, a warm-up on a throwaway copy of it so the first customers meet compiled code.
        builder.AddStartupReport();
        builder.AddWarmUp();
    }

    public static void UseFeatures(WebApplication app)
    {
        // Limits, forwarded headers, JSON errors, static files, CORS, agent sign-in, rate limits, WebSockets.
        app.UseHosting();

        app.MapHealth();
        app.MapSupportBotMetrics();
        app.MapDirectLine();
        app.MapBotFrameworkChannel();
        app.MapWidget();
        app.MapAgents();
        app.MapMaintainers();
        app.MapInsights();
        app.MapArchive();
        app.MapMail();
    }
}

using Microsoft.Extensions.Options;
using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Insights.Archive;
using SupportBot.State;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.Archive;

/// <summary>
/// The durable conversation archive: SQLite (Archive:SqlitePath) or PostgreSQL (Archive:ConnectionString), the
/// worker every process runs to fill it from the conversation store, and the history and privacy endpoints.
/// </summary>
public static class ArchiveFeature
{
    public static IHostApplicationBuilder AddArchive(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ArchiveOptions>().BindConfiguration(ArchiveOptions.Section)
            .Validate(o => o.Problem() is null, "Archive: RetentionDays must be 0 or more, ConversationsPerPass 1-10000, Settle 0 to 1 hour, ActivitiesPerSecond 0 or more, WorkerNice 0-19, SqlitePath set when ConnectionString is empty.")
            .ValidateOnStart();
        services.AddSingleton<IConversationArchive>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ArchiveOptions>>().Value;
            var clock = sp.GetRequiredService<TimeProvider>();
            return options.UsesPostgres
                ? new PostgresConversationArchive(options.ConnectionString, clock)
                : new SqliteConversationArchive(ArchiveReport.SqlitePath(options, sp.GetRequiredService<IHostEnvironment>()), clock);
        });
        services.AddBuiltAtStartup<ArchiveReport>();
        services.AddSingleton<ArchiveReport>();
        services.AddSingleton<ConversationSnapshots>();
        services.AddSingleton<ArchiveWriter>();
        services.AddSingleton<TicketArchiving>();
        services.AddSingleton<ArchiveSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<ArchiveSweep>());
        // What /metrics reports as the archive lag; left out of the scrape with the archive off.
        services.AddSingleton<SupportBot.Metrics.IArchiveLag>(sp => sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.Enabled
            ? new ArchiveQueueLag(sp.GetRequiredService<SupportBot.Conversations.IArchiveQueue>())
            : new SupportBot.Metrics.NoArchiveLag());
        services.AddSingleton(sp => new CustomerForgetting(
            sp.GetRequiredService<SupportBot.Conversations.IConversationLog>(),
            sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.Enabled ? sp.GetRequiredService<IConversationArchive>() : null,
            CustomerData(sp), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    // Every store that keeps something of a customer besides the conversation log (each interface extends ICustomerData).
    private static ICustomerData[] CustomerData(IServiceProvider sp) =>
    [
        sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<ITicketStore>(), sp.GetRequiredService<IAttachmentStore>(),
        sp.GetRequiredService<IStorage>(), sp.GetRequiredService<IConversationReferences>(),
    ];

    public static IEndpointRouteBuilder MapArchive(this IEndpointRouteBuilder app)
    {
        app.MapHistory();
        app.MapCustomers();
        return app;
    }
}

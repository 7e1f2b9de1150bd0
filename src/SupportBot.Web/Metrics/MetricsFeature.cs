using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SupportBot.Metrics;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Metrics;

/// <summary>
/// GET /metrics: the product's meter (and .NET's runtime meter) in Prometheus' text format through OpenTelemetry's
/// exporter, on the server's own port, for loopback and Metrics:AllowedNetworks only (403 JSON for anyone else).
/// </summary>
public static class MetricsFeature
{
    public const string Path = "/metrics";

    // The service name Prometheus' target_info carries (OpenTelemetry's default is "unknown_service:dotnet").
    private const string ServiceName = "supportbot";

    // .NET's own meter (GC, thread pool, exceptions): observed at scrape time, nothing on the request path.
    private const string RuntimeMeter = "System.Runtime";

    public static IHostApplicationBuilder AddSupportBotMetrics(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.Networks.All(n => IPNetwork.TryParse(n, out _)), "Metrics:AllowedNetworks must be CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<SupportBotMetrics>();
        services.TryAddSingleton<IArchiveLag, NoArchiveLag>();
        services.AddSingleton<DeskReader>();
        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName)).WithMetrics(metrics => metrics
            .AddMeter(SupportBotMetrics.MeterName, RuntimeMeter)

            // Each scrape reads the stores afresh (DeskReader) and so must be collected afresh, not served from a cache.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    public static IEndpointRouteBuilder MapSupportBotMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: scrape => scrape.Use(BeforeScrapeAsync), optionsName: null);
        return app;
    }

    private static async Task BeforeScrapeAsync(HttpContext context, RequestDelegate next)
    {
        var services = context.RequestServices;
        var client = context.Connection.RemoteIpAddress;
        if (!services.GetRequiredService<MetricsAccess>().Allows(client))
        {
            services.GetRequiredService<ILogger<MetricsAccess>>().LogInformation("Refused /metrics to {Client}: not loopback nor in Metrics:AllowedNetworks", client);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ApiError(new ApiErrorDetail(ErrorCodes.Forbidden, "Metrics are served to loopback and Metrics:AllowedNetworks only.")));
            return;
        }

        await services.GetRequiredService<DeskReader>().ReadAsync(context.RequestAborted);
        await next(context);
    }
}

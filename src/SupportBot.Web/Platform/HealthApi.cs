using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Platform;

/// <summary>
/// GET /healthz on ASP.NET Core's health checks. The body keeps the shape load balancers and scripts already read:
/// <c>{"status":"ok","store":"redis","redisPingMs":0.4}</c> when healthy, otherwise 503 with the JSON error body.
/// </summary>
public static class HealthApi
{
    public const string Path = "/healthz";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Healthy)
        {
            var problem = report.Entries.Values.FirstOrDefault(e => e.Status != HealthStatus.Healthy).Description ?? "Not ready.";
            return context.Response.WriteAsJsonAsync(new ApiError(new ApiErrorDetail(ErrorCodes.ServiceUnavailable, problem)));
        }

        var body = new Dictionary<string, object> { ["status"] = "ok" };
        foreach (var (key, value) in report.Entries.Values.SelectMany(e => e.Data))
        {
            body[key] = value;
        }

        return context.Response.WriteAsJsonAsync(body);
    }
}

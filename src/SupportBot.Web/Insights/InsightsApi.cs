using System.Data.Common;
using Microsoft.Extensions.Options;
using SupportBot.Insights.Archive;
using SupportBot.Insights.Figures;
using SupportBot.Web.Agents;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Insights;

/// <summary>
/// The figures for supervisors (the /insights/ page and anyone with a supervisor's token): the summary, the daily
/// series, the per-intent, per-agent and per-language tables, and each as CSV. Every one takes the same range:
/// from, to (ISO dates, UTC, to included), lang and channel.
/// </summary>
public static class InsightsApi
{
    public const string Prefix = "/api/insights";

    public static IHostApplicationBuilder AddInsights(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InsightsFigures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization(AgentSessionsApi.SupervisorPolicy);
        group.MapGet("/summary", (HttpRequest r, IServiceProvider s, CancellationToken ct) =>
            AnswerAsync(r, s, (f, range) => f.SummaryAsync(range, ct), summary => InsightsJson.SummaryCsv(summary), "summary"));
        group.MapGet("/daily", (HttpRequest r, IServiceProvider s, CancellationToken ct) =>
            AnswerAsync(r, s, (f, range) => f.DailyAsync(range, ct), InsightsJson.TableCsv, "days"));
        group.MapGet("/intents", (HttpRequest r, IServiceProvider s, CancellationToken ct) =>
            AnswerAsync(r, s, (f, range) => f.IntentsAsync(range, ct), InsightsJson.TableCsv, "intents"));
        group.MapGet("/agents", (HttpRequest r, IServiceProvider s, CancellationToken ct) =>
            AnswerAsync(r, s, (f, range) => f.AgentsAsync(range, ct), InsightsJson.TableCsv, "agents"));
        group.MapGet("/languages", (HttpRequest r, IServiceProvider s, CancellationToken ct) =>
            AnswerAsync(r, s, (f, range) => f.LanguagesAsync(range, ct), InsightsJson.TableCsv, "languages"));

        // The page's chart library, from npm (package.json here), served from our own origin like the console's SignalR.
        app.MapGet("/insights/uplot.js", (IWebHostEnvironment e) => NodeModule(e, ChartScriptPath, "text/javascript; charset=utf-8"));
        app.MapGet("/insights/uplot.css", (IWebHostEnvironment e) => NodeModule(e, ChartStylePath, "text/css; charset=utf-8"));
        return app;
    }

    public const string ChartScriptPath = "node_modules/uplot/dist/uPlot.esm.js";
    public const string ChartStylePath = "node_modules/uplot/dist/uPlot.min.css";

    private static IResult NodeModule(IWebHostEnvironment environment, string path, string contentType)
    {
        var file = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(environment.ContentRootPath).GetFileInfo(path);
        return file.Exists
            ? Results.File(file.PhysicalPath!, contentType, lastModified: file.LastModified)
            : ApiError.Result(503, ErrorCodes.ServiceUnavailable, "The chart library is not installed on this server: run 'npm ci' in src/SupportBot.Web (./run.sh does).");
    }

    // JSON by default ({"days": [...]} for a table, the summary object itself); CSV with format=csv, as a download.
    private static async Task<IResult> AnswerAsync<T>(
        HttpRequest request, IServiceProvider services, Func<InsightsFigures, InsightsRange, Task<T>> compute, Func<T, string> csv, string name)
        where T : class
    {
        var query = request.Query;
        if (InsightsRange.TryParse(query["from"], query["to"], query["lang"], query["channel"], out var problem) is not { } range)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, problem!);
        }

        var format = query["format"].ToString();
        if (format is not ("" or "json" or "csv"))
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "\"format\" is json (the default) or csv.");
        }

        // The archive's service is there with the archive off too (its file may even hold an earlier run's figures):
        // what is off is neither read nor created.
        if (!services.GetRequiredService<IOptions<ArchiveOptions>>().Value.Enabled)
        {
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The archive is off (Archive:Enabled), so there are no figures.");
        }

        var figures = services.GetRequiredService<InsightsFigures>();

        T result;
        try
        {
            result = await compute(figures, range);
        }
        catch (DbException e)
        {
            services.GetRequiredService<ILogger<InsightsFigures>>().LogWarning(e, "The archive could not answer the insights query");
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The archive cannot be reached right now; try again shortly.");
        }

        if (format == "csv")
        {
            var file = $"insights-{name}-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv(result)), "text/csv; charset=utf-8", file);
        }

        return result is InsightsSummary
            ? Results.Json(result, InsightsJson.Options)
            : Results.Json(new Dictionary<string, object> { [name] = result }, InsightsJson.Options);
    }
}

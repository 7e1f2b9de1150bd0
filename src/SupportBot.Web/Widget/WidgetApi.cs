using System.Threading.RateLimiting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.Widget;

/// <summary>
/// What the chat widget needs from the server: a conversation token without the secret ever reaching the
/// browser, and Web Chat's script from our own origin.
/// </summary>
public static class WidgetApi
{
    public const string SessionRateLimit = "widget-sessions";

    /// <summary>The widget's options, the embedding sites' CORS policy (Direct Line's calls use it too) and the per-client limit on new sessions.</summary>
    public static IHostApplicationBuilder AddWidget(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WidgetOptions>().BindConfiguration(WidgetOptions.Section);
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<WidgetOptions>>((cors, widget) => cors.AddPolicy(CorsPolicies.EmbeddingSites, policy => policy
                .WithOrigins(widget.Value.AllowedOrigins)
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent", "X-Requested-With")));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SessionRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<WidgetOptions>>().Value.SessionsPerMinutePerClient,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder app)
    {
        // The widget's first call: a page served under an untrusted Host learns so here, before any conversation starts.
        app.MapPost("/widget/session", StartSession).RequireCors(CorsPolicies.EmbeddingSites).RequireRateLimiting(SessionRateLimit).RequireTrustedHost();
        app.MapGet("/webchat/webchat.js", WebChatScript);
        app.MapGet("/widget/hours", SupportHours).RequireCors(CorsPolicies.EmbeddingSites);
        return app;
    }

    /// <summary>A fresh conversation id and user id with their token; the widget then starts it through Direct Line.</summary>
    private static IResult StartSession(TokenService tokens)
    {
        var conversationId = ActivityIds.NewId();
        var userId = $"dl_{ActivityIds.NewId()}";
        var token = tokens.Issue(conversationId, userId, null);
        return Results.Json(new WidgetSession(conversationId, userId, token, (int)tokens.Lifetime.TotalSeconds));
    }

    /// <summary>When people answer chats (Handoff:BusinessHours), written for the page's language: "?locale=ar-SA".</summary>
    private static IResult SupportHours(IOptions<SupportBot.Handoff.HandoffOptions> handoff, string? locale)
    {
        var hours = handoff.Value.BusinessHours;
        var language = SupportBot.Localization.Languages.FromLocale(locale);
        return Results.Json(new SupportHoursView(hours.Describe(SupportBot.Localization.LocalFormats.Culture(language)), hours.TimeZone, hours.Opens, hours.Closes));
    }

    private static IResult WebChatScript(IWebHostEnvironment environment, IOptions<WidgetOptions> options)
    {
        var file = new PhysicalFileProvider(environment.ContentRootPath).GetFileInfo(options.Value.WebChatScriptPath);
        return file.Exists
            ? Results.File(file.PhysicalPath!, "text/javascript; charset=utf-8", enableRangeProcessing: false, lastModified: file.LastModified)
            : ApiError.Result(503, ErrorCodes.ServiceUnavailable, "Web Chat is not installed on this server: run 'npm ci' in src/SupportBot.Web (./run.sh does).");
    }

    private sealed record SupportHoursView(string Hours, string TimeZone, string Opens, string Closes);

    private sealed record WidgetSession(string ConversationId, string UserId, string Token, int ExpiresIn);
}

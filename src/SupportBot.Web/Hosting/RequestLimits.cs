using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Hosting;

/// <summary>
/// The limits on what one request may be (Limits section), its rate limits and the proxies trusted to name its
/// client. Kestrel refuses oversized headers itself with an empty body, before any middleware runs; so Kestrel's own
/// limits sit well above the documented ones, and the documented ones are enforced here, with the JSON error body.
/// </summary>
public static class RequestLimits
{
    // Kestrel's limits as multiples of the documented ones: what only a request far past them still meets bare.
    private const int KestrelHeadroom = 8;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section)
            .Validate(o => o.TokenRefreshesPerMinute > 0 && o.ActivitiesPerMinute > 0 && o.ConversationsPerMinutePerSecret > 0 && o.StreamsPerConversation > 0, "Limits: every rate limit must be positive.")
            .Validate(o => o.MaxRequestHeaderBytes is >= 4096 and <= 128 * 1024, "Limits:MaxRequestHeaderBytes must be between 4096 and 131072.")
            .Validate(o => o.MaxRequestHeaderCount is >= 20 and <= 1000 && o.MaxRequestTargetLength is >= 1024 and <= 64 * 1024, "Limits:MaxRequestHeaderCount must be 20-1000, MaxRequestTargetLength 1024-65536.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeaderBytes * KestrelHeadroom;
            kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxRequestHeaderCount * KestrelHeadroom;
            kestrel.Limits.MaxRequestLineSize = limits.Value.MaxRequestTargetLength * KestrelHeadroom;
        });
        services.AddRateLimits();
        services.AddTrustedProxies();
        return services;
    }

    /// <summary>First in the pipeline: refuses a request whose headers or target are past the documented limits.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        app.Use(async (context, next) =>
        {
            if (Refusal(context.Request, limits) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static IResult? Refusal(HttpRequest request, LimitsOptions limits)
    {
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > limits.MaxRequestTargetLength)
        {
            return ApiError.Result(StatusCodes.Status414UriTooLong, ErrorCodes.UriTooLong, $"The request's path and query are over {limits.MaxRequestTargetLength} characters.");
        }

        if (request.Headers.Count > limits.MaxRequestHeaderCount)
        {
            return ApiError.Result(StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCodes.RequestHeadersTooLarge, $"The request has over {limits.MaxRequestHeaderCount} headers.");
        }

        // As HTTP/1.1 sends them: "name: value\r\n" per value.
        var size = 0L;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                size += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return size > limits.MaxRequestHeaderBytes
            ? ApiError.Result(StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCodes.RequestHeadersTooLarge, $"The request's headers are over {limits.MaxRequestHeaderBytes} bytes together.")
            : null;
    }
}

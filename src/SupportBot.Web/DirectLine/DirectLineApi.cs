using System.Globalization;
using SupportBot.Conversations;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>The Direct Line 3.0 channel: the REST calls and the WebSocket stream that Web Chat's DirectLineJS makes.</summary>
public static partial class DirectLineApi
{
    /// <summary>The channel's options, tokens, request readers, adapter and turn queue, its rate limits, and the recovery of turns a stopped process left.</summary>
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section)
            .Validate(o => o.TokenLifetime >= TimeSpan.FromMinutes(1), "DirectLine:TokenLifetime must be at least a minute.")
            .Validate(o => o.MaxTextLength > 0 && o.MaxActivityBytes > 1024 && o.MaxUploadBytes > 0 && o.MaxFilesPerUpload > 0, "DirectLine size limits must be positive.")
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero && o.MaxActivitiesPerRead > 0, "DirectLine:KeepAliveInterval and MaxActivitiesPerRead must be positive.")
            .Validate(o => TrustedBaseUrl.IsValidPublicBaseUrl(o.PublicBaseUrl) && TrustedBaseUrl.AreValidHosts(o.TrustedHosts), "DirectLine:PublicBaseUrl is an absolute http(s) URL, and AllowedHosts names hosts (not \"*\").")
            .Validate(o => o.AttachmentUrlKey.Length is 0 or >= 32, "DirectLine:AttachmentUrlKey needs at least 32 characters.")
            .ValidateOnStart();
        services.AddSingleton<TokenService>();
        services.AddSingleton<DirectLineAuth>();
        services.AddSingleton<ActivityRequestReader>();
        services.AddSingleton<UploadReader>();
        services.AddSingleton<AttachmentUrls>();
        services.AddSingleton<DirectLineAdapter>();
        services.AddSingleton<TurnQueue>();
        services.AddSingleton<ConversationService>();
        services.AddHostedService<PendingTurnRecovery>();
        services.AddDirectLineRateLimits();

        // Its constructor warns when DirectLine:Secret is unset: a line for the startup log, not the first customer.
        services.AddBuiltAtStartup<TokenService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v3/directline").RequireCors(CorsPolicies.EmbeddingSites).RequireTrustedHost();
        group.MapPost("/tokens/generate", GenerateToken).RequireRateLimiting(DirectLineRateLimits.ConversationsPerSecret);
        group.MapPost("/tokens/refresh", RefreshToken).RequireRateLimiting(DirectLineRateLimits.TokenRefresh);
        group.MapPost("/conversations", StartConversation).RequireRateLimiting(DirectLineRateLimits.ConversationsPerSecret);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity).RequireRateLimiting(DirectLineRateLimits.Activities);
        group.MapPost("/conversations/{conversationId}/upload", Upload).RequireRateLimiting(DirectLineRateLimits.Activities);
        group.MapGet("/conversations/{conversationId}/stream", Stream).RequireRateLimiting(DirectLineRateLimits.Streams);
        group.MapGet("/attachments/{attachmentId}", GetAttachment);
        return app;
    }

    private static IResult? ParseWatermark(string? watermark, out long after)
    {
        after = 0;
        if (string.IsNullOrEmpty(watermark))
        {
            return null;
        }

        return long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out after)
            ? null
            : ApiError.BadRequest(ErrorCodes.BadArgument, "'watermark' must be a non-negative whole number.");
    }

    private static IResult UnknownConversation(string conversationId) =>
        ApiError.NotFound($"Conversation '{(ActivityIds.IsWellFormed(conversationId) ? conversationId : "?")}' does not exist or has expired.");

    private static string NewUserId() => $"dl_{ActivityIds.NewId()}";

    public static string BaseUrl(HttpRequest request, DirectLineOptions options) => TrustedBaseUrl.Of(request, options);

    private static string StreamUrl(HttpRequest request, DirectLineOptions options, string conversationId, string token, long watermark)
    {
        var baseUrl = BaseUrl(request, options);
        var wsBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl[8..] : "ws://" + baseUrl[7..];
        return $"{wsBase}/v3/directline/conversations/{conversationId}/stream?watermark={watermark}&t={Uri.EscapeDataString(token)}";
    }
}

using System.Globalization;
using SupportBot.Conversations;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>The Direct Line 3.0 channel: the REST calls and the WebSocket stream that Web Chat's DirectLineJS makes.</summary>
public static partial class DirectLineApi
{
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v3/directline").RequireCors(Widget.WidgetApi.CorsPolicy).RequireTrustedHost();
        group.MapPost("/tokens/generate", GenerateToken).RequireRateLimiting(RateLimits.ConversationsPerSecret);
        group.MapPost("/tokens/refresh", RefreshToken).RequireRateLimiting(RateLimits.TokenRefresh);
        group.MapPost("/conversations", StartConversation).RequireRateLimiting(RateLimits.ConversationsPerSecret);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity).RequireRateLimiting(RateLimits.Activities);
        group.MapPost("/conversations/{conversationId}/upload", Upload).RequireRateLimiting(RateLimits.Activities);
        group.MapGet("/conversations/{conversationId}/stream", Stream).RequireRateLimiting(RateLimits.Streams);
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

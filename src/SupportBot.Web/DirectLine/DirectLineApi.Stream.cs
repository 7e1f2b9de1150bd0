using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>The WebSocket stream of a conversation's activities.</summary>
public static partial class DirectLineApi
{
    private static async Task<IResult> Stream(
        string conversationId, string? t, string? watermark, HttpContext context, DirectLineAuth auth, IConversationLog log,
        ConversationService conversations, IOptions<DirectLineOptions> options, IHostApplicationLifetime lifetime, ILogger<ActivityStream> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "The stream is a WebSocket; open it with a WebSocket client.");
        }

        if (auth.Authorize(context, t ?? BearerToken.From(context.Request), conversationId, out _) is { } authError)
        {
            return authError;
        }

        if (ParseWatermark(watermark, out var after) is { } watermarkError)
        {
            return watermarkError;
        }

        if (await conversations.FindAsync(conversationId, context.RequestAborted) is null)
        {
            return UnknownConversation(conversationId);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await new ActivityStream(socket, log, options.Value, logger).RunAsync(conversationId, after, stopping.Token);
        return Results.Empty;
    }
}

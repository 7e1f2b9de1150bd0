using System.Globalization;
using Microsoft.Extensions.Options;
using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Schema;
using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>The Direct Line 3.0 channel: the REST calls and the WebSocket stream that Web Chat's DirectLineJS makes.</summary>
public static class DirectLineApi
{
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v3/directline").RequireCors(Widget.WidgetApi.CorsPolicy);
        group.MapPost("/tokens/generate", GenerateToken);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversation);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity);
        group.MapPost("/conversations/{conversationId}/upload", Upload);
        group.MapGet("/conversations/{conversationId}/stream", Stream);
        group.MapGet("/attachments/{attachmentId}", GetAttachment);
        return app;
    }

    private static async Task<IResult> GenerateToken(HttpRequest request, TokenService tokens, ActivityRequestReader reader, CancellationToken cancellationToken)
    {
        if (!tokens.HasSecret)
        {
            return ApiError.Result(403, ErrorCodes.Forbidden, "tokens/generate is disabled: DirectLine:Secret is not configured.");
        }

        if (DirectLineAuth.BearerCredential(request) is not { } credential || !tokens.IsSecret(credential))
        {
            return ApiError.Result(401, ErrorCodes.Unauthorized, "tokens/generate needs 'Authorization: Bearer <secret>'.");
        }

        var (body, error) = await reader.ReadJsonAsync(request, DirectLineJson.Default.StartRequest, optional: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (UserError(body?.User) is { } userError)
        {
            return userError;
        }

        var conversationId = ActivityIds.NewId();
        var token = tokens.Issue(conversationId, body?.User?.Id ?? NewUserId(), body?.User?.Name);
        return Results.Json(new ConversationResponse(conversationId, token, (int)tokens.Lifetime.TotalSeconds), DirectLineJson.Default.ConversationResponse);
    }

    private static IResult RefreshToken(HttpRequest request, TokenService tokens, DirectLineAuth auth)
    {
        if (auth.Authorize(request, null, out var caller) is { } error)
        {
            return error;
        }

        if (caller.Token is not { } token)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "tokens/refresh takes a token, not the secret.");
        }

        var fresh = tokens.Issue(token.ConversationId, token.UserId, token.UserName);
        return Results.Json(new ConversationResponse(token.ConversationId, fresh, (int)tokens.Lifetime.TotalSeconds), DirectLineJson.Default.ConversationResponse);
    }

    private static async Task<IResult> StartConversation(
        HttpRequest request, DirectLineAuth auth, TokenService tokens, ActivityRequestReader reader,
        ConversationService conversations, TimeProvider clock, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, null, out var caller) is { } authError)
        {
            return authError;
        }

        var (body, error) = await reader.ReadJsonAsync(request, DirectLineJson.Default.StartRequest, optional: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (UserError(body?.User) is { } userError)
        {
            return userError;
        }

        if (body?.Locale is { Length: > 20 })
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "'locale' is not a locale.");
        }

        var requested = caller.Token is { } bound
            ? new ConversationRecord(bound.ConversationId, bound.UserId, bound.UserName ?? body?.User?.Name, body?.Locale, clock.GetUtcNow())
            : new ConversationRecord(ActivityIds.NewId(), body?.User?.Id ?? NewUserId(), body?.User?.Name, body?.Locale, clock.GetUtcNow());
        var conversation = await conversations.StartAsync(requested, BaseUrl(request, options.Value), cancellationToken);
        var token = caller.Token is { } current ? tokens.Issue(current) : tokens.Issue(conversation.Id, conversation.UserId, conversation.UserName);
        var response = new ConversationResponse(conversation.Id, token, ExpiresIn(tokens, token), StreamUrl(request, options.Value, conversation.Id, token, 0));
        return Results.Json(response, DirectLineJson.Default.ConversationResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Reconnect(
        string conversationId, string? watermark, HttpRequest request, DirectLineAuth auth, TokenService tokens,
        ConversationService conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out var caller) is { } authError)
        {
            return authError;
        }

        if (ParseWatermark(watermark, out var after) is { } watermarkError)
        {
            return watermarkError;
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return UnknownConversation(conversationId);
        }

        var token = caller.Token is { } current ? DirectLineAuth.BearerCredential(request)! : tokens.Issue(conversation.Id, conversation.UserId, conversation.UserName);
        var response = new ConversationResponse(conversation.Id, token, ExpiresIn(tokens, token), StreamUrl(request, options.Value, conversation.Id, token, after));
        return Results.Json(response, DirectLineJson.Default.ConversationResponse);
    }

    private static async Task<IResult> GetActivities(
        string conversationId, string? watermark, HttpRequest request, DirectLineAuth auth, IConversationLog log,
        ConversationService conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out _) is { } authError)
        {
            return authError;
        }

        if (ParseWatermark(watermark, out var after) is { } watermarkError)
        {
            return watermarkError;
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is null)
        {
            return UnknownConversation(conversationId);
        }

        var page = await log.ReadAsync(conversationId, after, options.Value.MaxActivitiesPerRead, cancellationToken);
        var next = page.Count > 0 ? page[^1].Sequence : after;
        return Results.Text(ActivitySetWriter.Write(page, next), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostActivity(
        string conversationId, HttpRequest request, DirectLineAuth auth, ActivityRequestReader reader,
        ConversationService conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out _) is { } authError)
        {
            return authError;
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return UnknownConversation(conversationId);
        }

        var (activity, error) = await reader.ReadJsonAsync(request, SchemaJson.Wire.Activity, optional: false, cancellationToken);
        if ((error ?? reader.Validate(activity!)) is { } invalid)
        {
            return invalid;
        }

        var id = await conversations.PostAsync(conversation, activity!, BaseUrl(request, options.Value), cancellationToken);
        return Results.Json(new IdResponse(id), DirectLineJson.Default.IdResponse);
    }

    private static async Task<IResult> Upload(
        string conversationId, HttpRequest request, DirectLineAuth auth, UploadReader uploads, ActivityRequestReader reader,
        ConversationService conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out _) is { } authError)
        {
            return authError;
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return UnknownConversation(conversationId);
        }

        var baseUrl = BaseUrl(request, options.Value);
        var (activity, error) = await uploads.ReadAsync(request, baseUrl, cancellationToken);
        if ((error ?? reader.Validate(activity!)) is { } invalid)
        {
            return invalid;
        }

        var id = await conversations.PostAsync(conversation, activity!, baseUrl, cancellationToken);
        return Results.Json(new IdResponse(id), DirectLineJson.Default.IdResponse);
    }

    private static async Task<IResult> Stream(
        string conversationId, string? t, string? watermark, HttpContext context, DirectLineAuth auth, IConversationLog log,
        ConversationService conversations, IOptions<DirectLineOptions> options, IHostApplicationLifetime lifetime, ILogger<ActivityStream> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "The stream is a WebSocket; open it with a WebSocket client.");
        }

        if (auth.Authorize(t ?? DirectLineAuth.BearerCredential(context.Request), conversationId, out _) is { } authError)
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

    private static async Task<IResult> GetAttachment(string attachmentId, HttpResponse response, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (!ActivityIds.IsWellFormed(attachmentId) || await store.GetAsync(attachmentId, cancellationToken) is not { } attachment)
        {
            return ApiError.NotFound("No such attachment; it may have expired.");
        }

        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=3600";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var inline = attachment.ContentType.StartsWith("image/", StringComparison.Ordinal);
        return Results.File(attachment.Data, attachment.ContentType, inline ? null : attachment.Name);
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

    private static IResult? UserError(ChannelAccount? user) => user?.Id switch
    {
        null => null,
        { Length: 0 or > 128 } => ApiError.BadRequest(ErrorCodes.BadArgument, "'user.id' must have 1 to 128 characters."),
        var id when id.Any(char.IsControl) => ApiError.BadRequest(ErrorCodes.BadArgument, "'user.id' must not contain control characters."),
        _ => null,
    };

    private static IResult UnknownConversation(string conversationId) =>
        ApiError.NotFound($"Conversation '{(ActivityIds.IsWellFormed(conversationId) ? conversationId : "?")}' does not exist or has expired.");

    private static string NewUserId() => $"dl_{ActivityIds.NewId()}";

    private static int ExpiresIn(TokenService tokens, string token) =>
        tokens.Validate(token, out var parsed) == TokenStatus.Valid
            ? (int)Math.Max(0, (parsed!.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds)
            : 0;

    public static string BaseUrl(HttpRequest request, DirectLineOptions options) =>
        string.IsNullOrEmpty(options.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : options.PublicBaseUrl.TrimEnd('/');

    private static string StreamUrl(HttpRequest request, DirectLineOptions options, string conversationId, string token, long watermark)
    {
        var baseUrl = BaseUrl(request, options);
        var wsBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl[8..] : "ws://" + baseUrl[7..];
        return $"{wsBase}/v3/directline/conversations/{conversationId}/stream?watermark={watermark}&t={Uri.EscapeDataString(token)}";
    }
}

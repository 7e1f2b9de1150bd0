using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.BareTurn;

/// <summary>
/// The Direct Line subset SupportBot.Bench directline calls: tokens/generate with the secret, starting a
/// conversation with that token, the conversation's WebSocket stream and posting an activity. A token is just
/// "bare." plus the conversation id: checking it costs a string comparison, as the bare turn has no auth work.
/// </summary>
public static class BareApi
{
    private const string TokenPrefix = "bare.";
    private const int ExpiresInSeconds = 3600;

    public static void MapBareTurn(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("Healthy"));
        app.MapPost("/v3/directline/tokens/generate", GenerateToken);
        app.MapPost("/v3/directline/conversations", StartConversation);
        app.Map("/v3/directline/conversations/{conversationId}/stream", Stream);
        app.MapPost("/v3/directline/conversations/{conversationId}/activities", PostActivity);
    }

    private static IResult GenerateToken(HttpRequest request, BareOptions options)
    {
        if (options.Secret.Length == 0 || request.Headers.Authorization != $"Bearer {options.Secret}")
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The secret is missing or wrong.");
        }

        var conversationId = Guid.NewGuid().ToString("N");
        return Results.Json(new { conversationId, token = TokenPrefix + conversationId, expires_in = ExpiresInSeconds });
    }

    private static IResult StartConversation(HttpRequest request)
    {
        if (ConversationOfBearer(request.Headers.Authorization.ToString()) is not { } conversationId)
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "Start a conversation with a token from tokens/generate.");
        }

        var token = TokenPrefix + conversationId;
        var ws = request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{ws}://{request.Host}/v3/directline/conversations/{conversationId}/stream?watermark=0&t={token}";
        return Results.Json(new { conversationId, token, expires_in = ExpiresInSeconds, streamUrl });
    }

    private static async Task Stream(string conversationId, HttpContext context, BareStreams streams)
    {
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["t"] != TokenPrefix + conversationId)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await streams.ServeAsync(conversationId, socket, context.RequestAborted);
    }

    /// <summary>The whole turn: append the customer's activity, read the state, append the echo, write the state.</summary>
    private static async Task<IResult> PostActivity(string conversationId, HttpRequest request, BareStore store, TimeProvider clock)
    {
        if (ConversationOfBearer(request.Headers.Authorization.ToString()) != conversationId)
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is not for this conversation.");
        }

        JsonNode? posted;
        try
        {
            posted = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not JSON.");
        }

        var now = clock.GetUtcNow();
        if (BareActivities.FromCustomer(conversationId, posted, now) is not var (head, tail, text))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not an activity.");
        }

        var id = BareActivities.Id(conversationId, await store.AppendAsync(conversationId, head, tail));
        var turns = await store.GetTurnsAsync(conversationId);
        var (replyHead, replyTail) = BareActivities.Echo(conversationId, id, text, now);
        await store.AppendAsync(conversationId, replyHead, replyTail);
        await store.SetTurnsAsync(conversationId, turns + 1);
        return Results.Json(new { id });
    }

    private static string? ConversationOfBearer(string authorization) =>
        authorization.StartsWith("Bearer " + TokenPrefix, StringComparison.Ordinal) && authorization.Length == 7 + TokenPrefix.Length + 32
            ? authorization[(7 + TokenPrefix.Length)..]
            : null;

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}

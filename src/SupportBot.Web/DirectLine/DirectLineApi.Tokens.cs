using SupportBot.Conversations;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>tokens/generate and tokens/refresh.</summary>
public static partial class DirectLineApi
{
    private static async Task<IResult> GenerateToken(HttpRequest request, TokenService tokens, ActivityRequestReader reader, CancellationToken cancellationToken)
    {
        if (!tokens.HasSecret)
        {
            return ApiError.Result(403, ErrorCodes.Forbidden, "tokens/generate is disabled: DirectLine:Secret is not configured.");
        }

        if (BearerToken.From(request) is not { } credential || !tokens.IsSecret(credential))
        {
            return ApiError.Result(401, ErrorCodes.Unauthorized, "tokens/generate needs 'Authorization: Bearer <secret>'.");
        }

        var (body, error) = await reader.ReadJsonAsync(request, DirectLineJson.Default.StartRequest, optional: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (ActivityRequestReader.ValidateStart(body) is { } invalid)
        {
            return invalid;
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
}

using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>Checks the bearer credential of a Direct Line call against the conversation it addresses.</summary>
public sealed class DirectLineAuth(TokenService tokens)
{
    /// <summary>
    /// Null error means allowed. Missing or forged credentials get 401; an expired token, or a token for another
    /// conversation, gets 403.
    /// </summary>
    public IResult? Authorize(string? credential, string? conversationId, out DirectLineCaller caller)
    {
        caller = new DirectLineCaller(null);
        if (string.IsNullOrEmpty(credential))
        {
            return ApiError.Result(401, ErrorCodes.Unauthorized, "Send 'Authorization: Bearer <token or secret>'.");
        }

        if (tokens.IsSecret(credential))
        {
            return null;
        }

        switch (tokens.Validate(credential, out var token))
        {
            case TokenStatus.Invalid:
                return ApiError.Result(401, ErrorCodes.Unauthorized, "The token is not valid.");
            case TokenStatus.Expired:
                return ApiError.Result(403, ErrorCodes.TokenExpired, "The token has expired; refresh it or start a new conversation.");
        }

        if (conversationId is not null && token!.ConversationId != conversationId)
        {
            return ApiError.Result(403, ErrorCodes.Forbidden, "The token is for another conversation.");
        }

        caller = new DirectLineCaller(token);
        return null;
    }

    public IResult? Authorize(HttpRequest request, string? conversationId, out DirectLineCaller caller) =>
        Authorize(BearerCredential(request), conversationId, out caller);

    public static string? BearerCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}

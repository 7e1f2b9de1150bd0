using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>Checks the bearer credential of a Direct Line call against the conversation it addresses.</summary>
public sealed class DirectLineAuth(TokenService tokens)
{
    // The rate limiter's partition and the endpoint both ask about the same credential: it is checked once a request.
    private static readonly object CheckedKey = new();

    /// <summary>
    /// Null error means allowed. Missing or forged credentials get 401; an expired token, or a token for another
    /// conversation, gets 403.
    /// </summary>
    public IResult? Authorize(string? credential, string? conversationId, out DirectLineCaller caller) =>
        Authorize(null, credential, conversationId, out caller);

    /// <summary>As above, remembering the token check in <paramref name="context"/> for the rest of the request.</summary>
    public IResult? Authorize(HttpContext? context, string? credential, string? conversationId, out DirectLineCaller caller)
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

        switch (Validate(context, credential, out var token))
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
        Authorize(request.HttpContext, BearerToken.From(request), conversationId, out caller);

    private TokenStatus Validate(HttpContext? context, string credential, out DirectLineToken? token)
    {
        if (context?.Items[CheckedKey] is Checked known && known.Credential == credential)
        {
            token = known.Token;
            return known.Status;
        }

        var status = tokens.Validate(credential, out token);
        if (context is not null)
        {
            context.Items[CheckedKey] = new Checked(credential, status, token);
        }

        return status;
    }

    private sealed record Checked(string Credential, TokenStatus Status, DirectLineToken? Token);
}

namespace SupportBot.Web.Errors;

/// <summary>The <c>error.code</c> values of the JSON error body; the Direct Line ones keep Direct Line's names.</summary>
public static class ErrorCodes
{
    public const string BadSyntax = "BadSyntax";
    public const string BadArgument = "BadArgument";
    public const string MissingProperty = "MissingProperty";
    public const string TextTooLong = "TextTooLong";
    public const string ReservedEventName = "ReservedEventName";
    public const string Unauthorized = "Unauthorized";
    public const string TokenExpired = "TokenExpired";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string PayloadTooLarge = "PayloadTooLarge";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string TooManyRequests = "TooManyRequests";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string InternalError = "InternalError";
    public const string SignInFailed = "SignInFailed";
    public const string AccountLocked = "AccountLocked";
    public const string RequestHeadersTooLarge = "RequestHeadersTooLarge";
    public const string UriTooLong = "UriTooLong";
    public const string SessionEnded = "SessionEnded";
    public const string BadHost = "BadHost";
    public const string LinkExpired = "LinkExpired";
}

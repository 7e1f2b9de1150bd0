using System.Text.Json.Serialization;

namespace SupportBot.Web.Errors;

/// <summary>The body of every error answer: <c>{"error":{"code","message"}}</c>.</summary>
public sealed record ApiError([property: JsonPropertyName("error")] ApiErrorDetail Error)
{
    public static IResult Result(int statusCode, string code, string message) =>
        Results.Json(new ApiError(new ApiErrorDetail(code, message)), statusCode: statusCode);

    public static IResult BadRequest(string code, string message) => Result(StatusCodes.Status400BadRequest, code, message);

    public static IResult NotFound(string message) => Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);
}

public sealed record ApiErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

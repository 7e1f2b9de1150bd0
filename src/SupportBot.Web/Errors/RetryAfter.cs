using System.Globalization;

namespace SupportBot.Web.Errors;

/// <summary>429 answers: the JSON error body with Retry-After, in whole seconds and never less than one.</summary>
public static class RetryAfter
{
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static IResult TooManyRequests(string code, string message, TimeSpan wait) =>
        new Result(ApiError.Result(StatusCodes.Status429TooManyRequests, code, message), Seconds(wait));

    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);

    private sealed class Result(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Set(httpContext.Response, TimeSpan.FromSeconds(seconds));
            return inner.ExecuteAsync(httpContext);
        }
    }
}

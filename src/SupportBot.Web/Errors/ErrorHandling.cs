using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using SupportBot.Conversations;

namespace SupportBot.Web.Errors;

/// <summary>Turns every failure that escapes an endpoint, and every empty 4xx, into the JSON error body.</summary>
public static class ErrorHandling
{
    public static WebApplication UseJsonErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SupportBot.Web.Errors");
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, code, message) = Describe(exception);
                if (status == 503)
                {
                    // Expected while Redis fails over or restarts: one line a request, not a stack trace each.
                    logger.LogWarning("Request {Method} {Path} refused with 503, the store is away: {Reason}",
                        context.Request.Method, context.Request.Path, exception?.Message);
                }

                await ApiError.Result(status, code, message).ExecuteAsync(context);
            },

            // The middleware logs what it handles at error level with the stack trace (and tags the request metric):
            // right for a fault, noise for bad input and for a store that is away, which the handler describes.
            SuppressDiagnosticsCallback = context => Describe(context.Exception).Status != 500,
        });

        app.UseStatusCodePages(async statusContext =>
        {
            var response = statusContext.HttpContext.Response;
            var (code, message) = response.StatusCode switch
            {
                404 => (ErrorCodes.NotFound, "No such endpoint."),
                405 => (ErrorCodes.MethodNotAllowed, $"{statusContext.HttpContext.Request.Method} is not allowed here."),
                413 => (ErrorCodes.PayloadTooLarge, "The request body is too large."),
                414 => (ErrorCodes.UriTooLong, "The request's path and query are too long."),
                415 => (ErrorCodes.UnsupportedMediaType, "Unsupported content type."),
                431 => (ErrorCodes.RequestHeadersTooLarge, "The request's headers are too large."),
                429 => (ErrorCodes.TooManyRequests, "Too many requests; slow down and retry later."),
                >= 400 and < 500 => (ErrorCodes.BadArgument, "The request was not valid."),
                _ => (ErrorCodes.InternalError, "The server failed to answer."),
            };
            await ApiError.Result(response.StatusCode, code, message).ExecuteAsync(statusContext.HttpContext);
        });

        return app;
    }

    public static (int Status, string Code, string Message) Describe(Exception? exception) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } => (413, ErrorCodes.PayloadTooLarge, "The request body is too large."),
        BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.BadArgument, bad.Message),
        JsonException json => (400, ErrorCodes.BadSyntax, $"The body is not valid JSON: {json.Message}"),
        ConversationNotFoundException missing => (404, ErrorCodes.NotFound, missing.Message),
        { } store when StoreFailures.IsTransient(store) => (503, ErrorCodes.ServiceUnavailable, "The conversation store is unreachable; retry shortly."),
        _ => (500, ErrorCodes.InternalError, "The server failed to answer; the problem has been logged."),
    };
}

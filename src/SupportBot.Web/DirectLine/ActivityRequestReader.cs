using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SupportBot.Dialogs;
using SupportBot.Schema;
using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>Reads and checks what a client posts, so that nothing malformed reaches a conversation's log.</summary>
public sealed class ActivityRequestReader(IOptions<DirectLineOptions> options)
{
    private static readonly HashSet<string> ClientTypes = [ActivityTypes.Message, ActivityTypes.Typing, ActivityTypes.Event];
    private const int MaxAttachments = 10;
    private const int MaxNameLength = 256;
    private const int MaxLocaleLength = 20;
    private const int MaxAccountIdLength = 128;
    private const int MaxAccountNameLength = 256;

    // Events only the server raises: hand-off events pass between the bot and the agent desk, and the bot's own events
    // are labels that metrics and retraining trust. From a client, one would make the bot say or learn what it likes.
    private static readonly string[] ServerEventPrefixes = [HandoffEventNames.Prefix, DialogValues.EventPrefix];

    public async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(
        HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, bool optional, CancellationToken cancellationToken)
        where T : class
    {
        var limit = options.Value.MaxActivityBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        if (optional && request.ContentLength is 0 or null && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, ApiError.Result(415, ErrorCodes.UnsupportedMediaType, "Send the body as application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null && !optional
                ? (null, ApiError.BadRequest(ErrorCodes.MissingProperty, "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, DescribeJsonError(ex));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
        {
            return (null, TooLarge(limit));
        }
    }

    /// <summary>Null when a client may post this activity; otherwise the error naming what is wrong.</summary>
    public IResult? Validate(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Type))
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "The activity has no 'type'.");
        }

        if (!ClientTypes.Contains(activity.Type))
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, $"A client cannot send activities of type '{Truncate(activity.Type)}'; use message, typing or event.");
        }

        var maxText = options.Value.MaxTextLength;
        if (activity.Text is { Length: var length } && length > maxText)
        {
            return ApiError.BadRequest(ErrorCodes.TextTooLong, $"'text' has {length} characters; the limit is {maxText}.");
        }

        if (activity.Type == ActivityTypes.Message
            && string.IsNullOrWhiteSpace(activity.Text)
            && activity.Attachments is null or { Count: 0 }
            && activity.Value is null)
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "A message needs 'text', 'attachments' or 'value'.");
        }

        if (activity.Type == ActivityTypes.Event && string.IsNullOrEmpty(activity.Name))
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "An event needs a 'name'.");
        }

        if (activity.Name is { Length: > MaxNameLength })
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, $"'name' is longer than {MaxNameLength} characters.");
        }

        if (activity.Name is { } name && ServerEventPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return ApiError.BadRequest(ErrorCodes.ReservedEventName, $"'{Truncate(name)}' is raised only by the server; a client cannot send it.");
        }

        if ((AccountError(activity.From, "from") ?? LocaleError(activity.Locale)) is { } fieldError)
        {
            return fieldError;
        }

        if (activity.Attachments is { Count: > MaxAttachments })
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, $"At most {MaxAttachments} attachments in one activity.");
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentUrl is { } url
                && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            {
                return ApiError.BadRequest(ErrorCodes.BadArgument, "An attachment's 'contentUrl' must be an absolute http(s) URL.");
            }
        }

        return null;
    }

    /// <summary>Null when a client may start a conversation (or get a token) with this body; otherwise the error.</summary>
    public static IResult? ValidateStart(StartRequest? body) => AccountError(body?.User, "user") ?? LocaleError(body?.Locale);

    private static IResult? AccountError(ChannelAccount? account, string property) => account switch
    {
        null => null,
        { Id: { Length: 0 or > MaxAccountIdLength } } =>
            ApiError.BadRequest(ErrorCodes.BadArgument, $"'{property}.id' must have 1 to {MaxAccountIdLength} characters."),
        { Id: { } id } when id.Any(char.IsControl) =>
            ApiError.BadRequest(ErrorCodes.BadArgument, $"'{property}.id' must not contain control characters."),
        { Name.Length: > MaxAccountNameLength } =>
            ApiError.BadRequest(ErrorCodes.BadArgument, $"'{property}.name' has {account.Name.Length} characters; the limit is {MaxAccountNameLength}."),
        _ => null,
    };

    private static IResult? LocaleError(string? locale) => locale is { Length: > MaxLocaleLength }
        ? ApiError.BadRequest(ErrorCodes.BadArgument, $"'locale' has {locale.Length} characters; the limit is {MaxLocaleLength}.")
        : null;

    private static IResult TooLarge(int limit) =>
        ApiError.Result(413, ErrorCodes.PayloadTooLarge, $"The body is larger than {limit} bytes.");

    private static IResult DescribeJsonError(JsonException ex)
    {
        var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at '{ex.Path.TrimStart('$', '.')}'";
        // The reader's own exception (an internal JsonException subtype) sits inside when the text is not JSON at all;
        // otherwise the JSON is fine and a value has the wrong type or form for the activity schema.
        return ex.InnerException is JsonException
            ? ApiError.BadRequest(ErrorCodes.BadSyntax, $"Malformed JSON{where} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}).")
            : ApiError.BadRequest(ErrorCodes.BadArgument, $"Wrong JSON type or value{where}.");
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

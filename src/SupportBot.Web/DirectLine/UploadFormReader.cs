using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Reads an upload's multipart/form-data body within the upload size limit, and says which problem a refused one
/// has: not multipart (415), over the limit (413) or not valid multipart (400).
/// </summary>
public static class UploadFormReader
{
    // RFC 2046: a boundary has 1 to 70 characters.
    private const int MaxBoundaryLength = 70;

    public static async Task<(IFormCollection? Form, IResult? Error)> ReadAsync(HttpRequest request, DirectLineOptions o, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiError.Result(415, ErrorCodes.UnsupportedMediaType, "Send uploads as multipart/form-data."));
        }

        // Checked here rather than left to the form reader, whose complaint about it looks like any other limit's.
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ? HeaderUtilities.RemoveQuotes(mediaType.Boundary) : default;
        if (boundary.Length is 0 or > MaxBoundaryLength)
        {
            return (null, Malformed($"the Content-Type needs a boundary of 1 to {MaxBoundaryLength} characters."));
        }

        long bodyLimit = ((long)o.MaxUploadBytes * o.MaxFilesPerUpload) + o.MaxActivityBytes + (64 * 1024);
        if (request.ContentLength > bodyLimit)
        {
            return (null, TooLarge(o));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = bodyLimit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                // No part may be larger than the whole body, so the body limit (Kestrel's 413) is the only size limit
                // met while parsing and what fails here is the structure. UploadReader checks each part's own limit, naming it.
                MultipartBodyLengthLimit = bodyLimit,
                ValueLengthLimit = (int)Math.Min(bodyLimit, int.MaxValue),
                ValueCountLimit = 16,
            }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(o));
        }
        catch (InvalidDataException ex)
        {
            return (null, Malformed(ex.Message));
        }
        catch (IOException)
        {
            // The body ran out before the parts did (or before the Content-Length the client announced).
            return (null, Malformed("the body ends before its closing boundary."));
        }

        return (form, null);
    }

    private static IResult Malformed(string why) =>
        ApiError.BadRequest(ErrorCodes.BadSyntax, $"The upload is not valid multipart/form-data: {why}");

    private static IResult TooLarge(DirectLineOptions o) =>
        ApiError.Result(413, ErrorCodes.PayloadTooLarge, $"The upload is too large: at most {o.MaxFilesPerUpload} files of {o.MaxUploadBytes} bytes each.");
}

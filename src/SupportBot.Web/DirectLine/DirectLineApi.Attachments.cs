using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>Serving uploaded files: to the conversation's token, or to the signed link its contentUrl is.</summary>
public static partial class DirectLineApi
{
    private static async Task<IResult> GetAttachment(
        string attachmentId, HttpRequest request, IAttachmentStore store, AttachmentUrls urls, DirectLineAuth auth, CancellationToken cancellationToken)
    {
        // Ids are unguessable, so saying which exist tells a caller nothing it could use.
        if (!ActivityIds.IsWellFormed(attachmentId) || await store.GetAsync(attachmentId, cancellationToken) is not { } attachment)
        {
            return ApiError.NotFound("No such attachment; it may have expired.");
        }

        if (!AttachmentUrls.IsSignedLink(request))
        {
            if (auth.Authorize(request, attachment.ConversationId, out _) is { } authError)
            {
                return authError;
            }
        }
        else if (urls.Check(request, attachmentId, attachment) is var link && link != AttachmentLinkStatus.Valid)
        {
            return link == AttachmentLinkStatus.Expired
                ? ApiError.Result(403, ErrorCodes.LinkExpired, "This attachment link has expired.")
                : ApiError.Result(403, ErrorCodes.Forbidden, "This attachment link is not valid.");
        }

        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=3600";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var inline = attachment.ContentType.StartsWith("image/", StringComparison.Ordinal);
        return Results.File(attachment.Data, attachment.ContentType, inline ? null : attachment.Name);
    }
}

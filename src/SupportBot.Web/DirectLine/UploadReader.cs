using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Attachments;
using SupportBot.Schema;
using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Reads a Direct Line upload (multipart: an "activity" part, then "file" parts), checks the activity and every
/// file before storing any, and returns the activity with its attachments pointing at our content URLs.
/// </summary>
public sealed class UploadReader(IOptions<DirectLineOptions> options, IAttachmentStore store, ActivityRequestReader activities, AttachmentUrls urls)
{
    private const string ActivityPart = "activity";
    private const int SniffBytes = 512;

    public async Task<(Activity? Activity, IResult? Error)> ReadAsync(HttpRequest request, string baseUrl, string conversationId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var (form, formError) = await UploadFormReader.ReadAsync(request, o, cancellationToken);
        if (formError is not null)
        {
            return (null, formError);
        }

        var (activity, activityError) = await ReadActivityPartAsync(form!, cancellationToken);
        if (activityError is not null)
        {
            return (null, activityError);
        }

        var files = form!.Files.Where(f => f.Name != ActivityPart).ToList();
        if (files.Count == 0)
        {
            return (null, ApiError.BadRequest(ErrorCodes.MissingProperty, "The upload has no file part."));
        }

        if (files.Count > o.MaxFilesPerUpload)
        {
            return (null, ApiError.BadRequest(ErrorCodes.BadArgument, $"At most {o.MaxFilesPerUpload} files in one upload."));
        }

        var checkedFiles = new List<StoredAttachment>();
        foreach (var file in files)
        {
            var (attachment, error) = await CheckFileAsync(file, conversationId, o, cancellationToken);
            if (error is not null)
            {
                return (null, error);
            }

            checkedFiles.Add(attachment!);
        }

        // Web Chat's activity part already lists one attachment per file (name, type, a local thumbnail) without
        // a contentUrl: fill those in order, and add entries only for files it did not list.
        var listed = activity!.Attachments ?? [];
        activity.Attachments = [.. checkedFiles.Select((file, i) =>
        {
            var attachment = i < listed.Count ? listed[i] : new Attachment();
            attachment.ContentType = file.ContentType;
            attachment.ContentUrl = null;
            attachment.Name = file.Name;
            return attachment;
        })];

        // Only an upload that will be posted stores its files: a refused one must leave nothing behind.
        if (activities.Validate(activity) is { } invalid)
        {
            return (null, invalid);
        }

        for (var i = 0; i < checkedFiles.Count; i++)
        {
            var id = await store.SaveAsync(checkedFiles[i], cancellationToken);
            activity.Attachments[i].ContentUrl = urls.Signed(baseUrl, id, conversationId);
        }

        return (activity, null);
    }

    private async Task<(Activity? Activity, IResult? Error)> ReadActivityPartAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var files = form.Files.GetFiles(ActivityPart);
        var fields = form[ActivityPart];
        if (files.Count + fields.Count > 1)
        {
            return (null, ApiError.BadRequest(ErrorCodes.BadArgument, "The upload has more than one 'activity' part."));
        }

        // DirectLineJS sends the activity as a file part (application/vnd.microsoft.activity); a plain form field
        // carries the same JSON and is read alike.
        await using var part = files.Count == 1 ? files[0].OpenReadStream()
            : fields.Count == 1 ? new MemoryStream(Encoding.UTF8.GetBytes(fields[0] ?? ""))
            : null;
        if (part is null)
        {
            return (new Activity { Type = ActivityTypes.Message }, null);
        }

        if (part.Length > options.Value.MaxActivityBytes)
        {
            return (null, ApiError.Result(413, ErrorCodes.PayloadTooLarge, $"The activity part is larger than {options.Value.MaxActivityBytes} bytes."));
        }

        try
        {
            var activity = await JsonSerializer.DeserializeAsync(part, SchemaJson.Wire.Activity, cancellationToken);
            return activity is null
                ? (null, ApiError.BadRequest(ErrorCodes.MissingProperty, "The activity part must be a JSON object."))
                : (activity, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiError.BadRequest(ErrorCodes.BadSyntax, $"The activity part is not a valid activity (line {ex.LineNumber + 1})."));
        }
    }

    private static async Task<(StoredAttachment? Attachment, IResult? Error)> CheckFileAsync(
        IFormFile file, string conversationId, DirectLineOptions o, CancellationToken cancellationToken)
    {
        var name = SafeName(file.FileName);
        if (file.Length > o.MaxUploadBytes)
        {
            return (null, ApiError.Result(413, ErrorCodes.PayloadTooLarge, $"'{name}' is {file.Length} bytes; the limit is {o.MaxUploadBytes}."));
        }

        if (file.Length == 0)
        {
            return (null, ApiError.BadRequest(ErrorCodes.BadArgument, $"'{name}' is empty."));
        }

        var contentType = UploadContentTypes.Normalize(file.ContentType);
        if (!o.UploadTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            return (null, ApiError.Result(415, ErrorCodes.UnsupportedMediaType,
                $"'{name}' is {(contentType.Length == 0 ? "of no declared type" : contentType)}; allowed: {string.Join(", ", o.UploadTypes)}."));
        }

        var data = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(data, cancellationToken);
        }

        if (!UploadContentTypes.ContentMatches(contentType, data.AsSpan(0, Math.Min(SniffBytes, data.Length))))
        {
            return (null, ApiError.Result(415, ErrorCodes.UnsupportedMediaType, $"'{name}' does not contain {contentType} data."));
        }

        return (new StoredAttachment(contentType, name, data, conversationId), null);
    }

    private static string SafeName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not '"' and not '\\' and not '/')]);
        if (name.Length > 128)
        {
            name = name[^128..];
        }

        return name.Length == 0 ? "file" : name;
    }
}

using Microsoft.Extensions.Options;
using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Schema;
using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>Reading, posting and uploading activities.</summary>
public static partial class DirectLineApi
{
    private static async Task<IResult> GetActivities(
        string conversationId, string? watermark, HttpRequest request, DirectLineAuth auth, IConversationLog log,
        ConversationService conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out _) is { } authError)
        {
            return authError;
        }

        if (ParseWatermark(watermark, out var after) is { } watermarkError)
        {
            return watermarkError;
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is null)
        {
            return UnknownConversation(conversationId);
        }

        var page = await log.ReadUtf8Async(conversationId, after, options.Value.MaxActivitiesPerRead, cancellationToken);

        // Watermarks come from this log, which only grows, so one past its end is the client's mistake. Echoed back,
        // it would have the client wait for activities numbered after it: for ever, without a word.
        if (page.Count == 0 && after > 0 && (await log.ReadAsync(conversationId, after - 1, 1, cancellationToken)).Count == 0)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, $"'watermark' {after} is past the end of the conversation.");
        }

        var next = page.Count > 0 ? page[^1].Sequence : after;
        return Results.Bytes(ActivitySetWriter.ToArray(page, next), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostActivity(
        string conversationId, HttpRequest request, DirectLineAuth auth, ActivityRequestReader reader,
        ConversationService conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out var caller) is { } authError)
        {
            return authError;
        }

        // A token already names the conversation and the user, so the hot path skips a lookup: posting to a
        // conversation that does not exist (or expired) is still refused, by the append itself.
        var conversation = caller.Token is { } token
            ? new ConversationRecord(token.ConversationId, token.UserId, token.UserName, null, default)
            : await conversations.FindAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return UnknownConversation(conversationId);
        }

        var (activity, error) = await reader.ReadJsonAsync(request, SchemaJson.Wire.Activity, optional: false, cancellationToken);
        if ((error ?? reader.Validate(activity!)) is { } invalid)
        {
            return invalid;
        }

        try
        {
            var id = await conversations.PostAsync(conversation, activity!, BaseUrl(request, options.Value), cancellationToken);
            return Results.Json(new IdResponse(id), DirectLineJson.Default.IdResponse);
        }
        catch (ConversationNotFoundException)
        {
            return UnknownConversation(conversationId);
        }
    }

    private static async Task<IResult> Upload(
        string conversationId, HttpRequest request, DirectLineAuth auth, UploadReader uploads, ConversationService conversations,
        IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out _) is { } authError)
        {
            return authError;
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return UnknownConversation(conversationId);
        }

        var baseUrl = BaseUrl(request, options.Value);
        var (activity, error) = await uploads.ReadAsync(request, baseUrl, conversation.Id, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var id = await conversations.PostAsync(conversation, activity!, baseUrl, cancellationToken);
        return Results.Json(new IdResponse(id), DirectLineJson.Default.IdResponse);
    }
}

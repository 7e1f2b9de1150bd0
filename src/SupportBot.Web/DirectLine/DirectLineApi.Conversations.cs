using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>Starting a conversation and reconnecting to one.</summary>
public static partial class DirectLineApi
{
    private static async Task<IResult> StartConversation(
        HttpRequest request, DirectLineAuth auth, TokenService tokens, ActivityRequestReader reader,
        ConversationService conversations, TimeProvider clock, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, null, out var caller) is { } authError)
        {
            return authError;
        }

        var (body, error) = await reader.ReadJsonAsync(request, DirectLineJson.Default.StartRequest, optional: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (ActivityRequestReader.ValidateStart(body) is { } invalid)
        {
            return invalid;
        }

        var requested = caller.Token is { } bound
            ? new ConversationRecord(bound.ConversationId, bound.UserId, bound.UserName ?? body?.User?.Name, body?.Locale, clock.GetUtcNow())
            : new ConversationRecord(ActivityIds.NewId(), body?.User?.Id ?? NewUserId(), body?.User?.Name, body?.Locale, clock.GetUtcNow());
        var conversation = await conversations.StartAsync(requested, BaseUrl(request, options.Value), cancellationToken);
        var token = caller.Token is { } current ? tokens.Issue(current) : tokens.Issue(conversation.Id, conversation.UserId, conversation.UserName);
        var response = new ConversationResponse(conversation.Id, token, tokens.SecondsLeft(token), StreamUrl(request, options.Value, conversation.Id, token, 0));
        return Results.Json(response, DirectLineJson.Default.ConversationResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Reconnect(
        string conversationId, string? watermark, HttpRequest request, DirectLineAuth auth, TokenService tokens,
        ConversationService conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out var caller) is { } authError)
        {
            return authError;
        }

        if (ParseWatermark(watermark, out var after) is { } watermarkError)
        {
            return watermarkError;
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return UnknownConversation(conversationId);
        }

        var token = caller.Token is { } current ? BearerToken.From(request)! : tokens.Issue(conversation.Id, conversation.UserId, conversation.UserName);
        var response = new ConversationResponse(conversation.Id, token, tokens.SecondsLeft(token), StreamUrl(request, options.Value, conversation.Id, token, after));
        return Results.Json(response, DirectLineJson.Default.ConversationResponse);
    }
}

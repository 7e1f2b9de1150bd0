using SupportBot.Schema;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Errors;

namespace SupportBot.Web.BotFramework;

/// <summary>What a channel's activity must carry on /api/messages, and which types the bot answers.</summary>
public static class BotFrameworkActivities
{
    private const int MaxIdLength = 1024;

    /// <summary>Null when the activity can be taken; otherwise the 400 naming what is wrong.</summary>
    public static IResult? Validate(Activity activity, ActivityRequestReader reader)
    {
        if (string.IsNullOrEmpty(activity.Type))
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "The activity has no 'type'.");
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "The activity needs 'serviceUrl', an absolute http(s) URL.");
        }

        if (string.IsNullOrEmpty(activity.ChannelId) || activity.ChannelId.Length > 64)
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "The activity needs a 'channelId'.");
        }

        if (activity.Conversation?.Id is not { Length: > 0 and <= MaxIdLength } || activity.From?.Id is not { Length: > 0 and <= MaxIdLength }
            || activity.Recipient?.Id is { Length: > MaxIdLength } || activity.Id is { Length: > MaxIdLength })
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "The activity needs 'conversation.id' and 'from.id' (at most 1024 characters).");
        }

        // Messages, typing and events get the same checks as Direct Line's (size, reserved event names...).
        return activity.Type == ActivityTypes.ConversationUpdate || !IsHandled(activity) ? null : reader.Validate(activity);
    }

    public static bool IsHandled(Activity activity) =>
        activity.Type is ActivityTypes.Message or ActivityTypes.Typing or ActivityTypes.Event or ActivityTypes.ConversationUpdate;
}

using SupportBot.Schema;

namespace SupportBot.Conversations;

/// <summary>
/// How to reach a conversation kept by another channel, as the Bot Framework SDK's ConversationReference: the
/// connector's service URL, the channel's own conversation (with its tenant and other channel fields), the bot's
/// and the user's accounts there, and the channel's id of the customer's latest activity (what replies answer).
/// <paramref name="Authenticated"/> says the service URL arrived on a request with a valid Bot Framework token.
/// </summary>
public sealed record ConversationReference(
    string ChannelId,
    string ServiceUrl,
    ConversationAccount Conversation,
    ChannelAccount Bot,
    ChannelAccount User,
    string? ActivityId,
    string? Locale,
    bool Authenticated);

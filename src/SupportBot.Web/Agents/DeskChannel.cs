using Microsoft.Extensions.Options;
using SupportBot.Handoff.Desk;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.Agents;

/// <summary>The desk's way into conversations: the Direct Line conversations this host keeps.</summary>
public sealed class DeskChannel(ConversationService conversations, IOptions<DirectLineOptions> directLine) : IDeskChannel
{
    public int MaxTextLength => directLine.Value.MaxTextLength;

    public Task DeliverToBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        conversations.DeliverToBotAsync(conversationId, activity, cancellationToken);

    public Task SendToCustomerAsync(string conversationId, ChannelAccount sender, Activity activity, CancellationToken cancellationToken) =>
        conversations.SendToCustomerAsync(conversationId, sender, activity, cancellationToken);
}

using SupportBot.Schema;

namespace SupportBot.Handoff.Desk;

/// <summary>The conversation channel as the desk uses it (the host implements it over its Direct Line conversations).</summary>
public interface IDeskChannel
{
    /// <summary>The longest text a message in a conversation may carry.</summary>
    int MaxTextLength { get; }

    /// <summary>An activity for the bot (a hand-off status), which then tells the customer.</summary>
    Task DeliverToBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>An agent's message or typing, written to the conversation the customer reads.</summary>
    Task SendToCustomerAsync(string conversationId, ChannelAccount sender, Activity activity, CancellationToken cancellationToken);
}

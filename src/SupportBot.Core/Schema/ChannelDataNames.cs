namespace SupportBot.Schema;

/// <summary>Well-known keys inside an activity's <c>channelData</c>.</summary>
public static class ChannelDataNames
{
    /// <summary>Web Chat stamps its outgoing activities with this id and waits for the echo carrying it.</summary>
    public const string ClientActivityId = "clientActivityID";

    /// <summary>
    /// On the bot's lines that tell the customer how a hand-off goes ("Olga has joined", "passed you back to me"): the
    /// <see cref="HandoffStatus"/> they narrate (state, outcome, agentName), so the widget can show who is talking.
    /// </summary>
    public const string Handoff = "handoff";
}

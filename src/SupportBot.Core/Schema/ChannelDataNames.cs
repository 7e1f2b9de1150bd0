namespace SupportBot.Schema;

/// <summary>Well-known keys inside an activity's <c>channelData</c>.</summary>
public static class ChannelDataNames
{
    /// <summary>Web Chat stamps its outgoing activities with this id and waits for the echo carrying it.</summary>
    public const string ClientActivityId = "clientActivityID";
}

namespace SupportBot.Schema;

/// <summary>The Bot Framework's human-handoff event names (botbuilder's HandoffEventNames).</summary>
public static class HandoffEventNames
{
    /// <summary>Every hand-off event name starts with it; they pass between the bot and the hub, never a client.</summary>
    public const string Prefix = "handoff.";

    /// <summary>Bot to hub: hand this conversation to a person. Value: the context; attachment: the transcript.</summary>
    public const string InitiateHandoff = Prefix + "initiate";

    /// <summary>Hub to bot: how the hand-off is going. Value: <c>{"state": accepted|failed|completed, "message"}</c>.</summary>
    public const string HandoffStatus = Prefix + "status";
}

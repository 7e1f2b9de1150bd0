namespace SupportBot.Schema;

/// <summary>The Bot Framework's human-handoff event names (botbuilder's HandoffEventNames).</summary>
public static class HandoffEventNames
{
    /// <summary>Bot to hub: hand this conversation to a person. Value: the context; attachment: the transcript.</summary>
    public const string InitiateHandoff = "handoff.initiate";

    /// <summary>Hub to bot: how the hand-off is going. Value: <c>{"state": accepted|failed|completed, "message"}</c>.</summary>
    public const string HandoffStatus = "handoff.status";
}

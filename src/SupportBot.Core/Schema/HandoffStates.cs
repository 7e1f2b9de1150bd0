namespace SupportBot.Schema;

/// <summary>The <c>state</c> values of a <see cref="HandoffEventNames.HandoffStatus"/> event.</summary>
public static class HandoffStates
{
    public const string Accepted = "accepted";
    public const string Failed = "failed";
    public const string Completed = "completed";
}

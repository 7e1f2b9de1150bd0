namespace SupportBot.Conversations;

/// <summary>Where an incoming activity sits in its conversation's log; <paramref name="Duplicate"/> if a retry found it already there.</summary>
public sealed record AppendedActivity(string Id, long Sequence, bool Duplicate);

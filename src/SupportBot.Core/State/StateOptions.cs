namespace SupportBot.State;

public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary>How long a conversation's bot state lives after its last write.</summary>
    public TimeSpan ConversationStateTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a user's bot state lives after its last write.</summary>
    public TimeSpan UserStateTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The time-to-live for a storage key, chosen by the kind of state the key names.</summary>
    public TimeSpan? TtlFor(string storageKey) =>
        storageKey.Contains("/conversations/", StringComparison.Ordinal) ? ConversationStateTtl
        : storageKey.Contains("/users/", StringComparison.Ordinal) ? UserStateTtl
        : null;
}

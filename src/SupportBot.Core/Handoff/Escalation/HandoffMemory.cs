namespace SupportBot.Handoff.Escalation;

/// <summary>The hand-off rules' memory of a conversation, kept in its <see cref="Dialogs.DialogMemory"/>.</summary>
public sealed class HandoffMemory
{
    /// <summary>The customer's last text message, normalised, and how many times in a row it came.</summary>
    public string? LastText { get; set; }

    public int Repeats { get; set; }

    /// <summary>The bot's last answer asked the customer to clarify ("did you mean", "I didn't understand").</summary>
    public bool Clarifying { get; set; }

    /// <summary>The customer wrote while waiting in the queue and was told where they stand (once per wait).</summary>
    public bool RemindedInQueue { get; set; }

    /// <summary>Why the last hand-off could not be queued; a message the customer then leaves carries it.</summary>
    public string? UnavailableReason { get; set; }

    /// <summary>The survey after an agent closed the chat, while it waits for the rating or the comment.</summary>
    public PendingSurvey? Survey { get; set; }
}

public sealed class PendingSurvey
{
    public required string AgentName { get; set; }

    /// <summary>0 while waiting for the rating; then the rating, while waiting for the NPS answer or the comment.</summary>
    public int Rating { get; set; }

    /// <summary>True while the 0-10 recommendation question waits for its answer.</summary>
    public bool AwaitingNps { get; set; }

    /// <summary>The 0-10 answer; null when not asked or skipped.</summary>
    public int? Nps { get; set; }
}

namespace SupportBot.Handoff.Queue;

public enum HandoffStage
{
    /// <summary>Waiting in the queue for an agent.</summary>
    Queued,

    /// <summary>An agent owns the conversation: the customer's messages go to that agent, the bot is silent.</summary>
    Assigned,

    /// <summary>The agent closed the conversation with a resolution.</summary>
    Closed,

    /// <summary>The agent handed the conversation back to the bot.</summary>
    ReturnedToBot,

    /// <summary>The customer left the queue before an agent took the conversation.</summary>
    Abandoned,
}

/// <summary>
/// A conversation's hand-off to a person: the context the bot gathered, where it is in the queue, and who owns
/// it. One per conversation at a time; a conversation that escalates again after an end starts a new one.
/// </summary>
public sealed record HandoffRecord
{
    public required string ConversationId { get; init; }

    /// <summary>One of <see cref="HandoffReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>What the classifier made of the message that escalated (or the last one it understood).</summary>
    public string? Intent { get; init; }

    public float Confidence { get; init; }

    /// <summary>The conversation's language ("en", "th", "ru", "ar"): agents are routed by it.</summary>
    public required string Language { get; init; }

    /// <summary>The skill the intent maps to (Handoff:Skills): agents are routed by it.</summary>
    public required string Skill { get; init; }

    /// <summary>Higher first; equal priorities are first come, first served.</summary>
    public int Priority { get; init; }

    /// <summary>Slots the bot had filled (order number, email, ...), so the agent does not ask again.</summary>
    public IReadOnlyDictionary<string, string> Slots { get; init; } = new Dictionary<string, string>();

    public required string UserId { get; init; }

    public string? UserName { get; init; }

    /// <summary>The customer message that led to the hand-off, shown in the queue.</summary>
    public string? Preview { get; init; }

    public DateTimeOffset QueuedAt { get; init; }

    public HandoffStage Stage { get; init; }

    public string? AgentId { get; init; }

    public string? AgentName { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public HandoffResolution? Resolution { get; init; }

    public SurveyResult? Survey { get; init; }

    /// <summary>The queue position the customer was last told, so an update is sent only when it changes.</summary>
    public int AnnouncedPosition { get; init; }

    public bool IsOpen => Stage is HandoffStage.Queued or HandoffStage.Assigned;
}

/// <summary>How the agent closed the conversation: the intent the customer really meant (a training label), tags, a note.</summary>
public sealed record HandoffResolution(string Intent, IReadOnlyList<string> Tags, string? Note);

/// <summary>The customer's rating (1-5) of the agent's help, and an optional comment.</summary>
public sealed record SurveyResult(int Rating, string? Comment, DateTimeOffset At)
{
    /// <summary>The 0-10 "would you recommend us" answer; null when not asked (Handoff:SurveyNps off) or skipped.</summary>
    public int? Nps { get; init; }
}

/// <summary>An agent's internal note on a conversation: agents see it, the customer never does.</summary>
public sealed record AgentNote(string AgentId, string AgentName, string Text, DateTimeOffset At)
{
    /// <summary>Tells notes apart (a console hears of its own note twice: as the answer and as the broadcast).</summary>
    public string Id { get; init; } = Guid.NewGuid().ToString("N");
}

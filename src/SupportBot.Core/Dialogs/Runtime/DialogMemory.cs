using SupportBot.Handoff.Escalation;

namespace SupportBot.Dialogs;

/// <summary>
/// What the bot remembers about a conversation between turns, kept in the conversation state (Redis when
/// configured), so a flow carries on after a restart or on another server process.
/// </summary>
public sealed class DialogMemory
{
    /// <summary>The language the bot answers in.</summary>
    public string? Language { get; set; }

    /// <summary>The widget's locale on the last activity; a change means the customer picked another language.</summary>
    public string? Locale { get; set; }

    /// <summary>The customer picked the language in the widget, so it no longer follows what they type.</summary>
    public bool LanguageChosen { get; set; }

    /// <summary>Slots the customer has given, shared by every dialog, so nothing is asked twice.</summary>
    public Dictionary<string, string> Slots { get; set; } = [];

    /// <summary>The dialog waiting for the customer's answer, if any.</summary>
    public DialogFrame? Active { get; set; }

    /// <summary>Dialogs put aside when the customer changed topic, the most recent last.</summary>
    public List<DialogFrame> Paused { get; set; } = [];

    /// <summary>Messages in a row the bot could not make sense of; the handoff rules read this.</summary>
    public int Misunderstandings { get; set; }

    /// <summary>A "did you mean A or B?" question awaiting its answer.</summary>
    public PendingChoice? Choice { get; set; }

    /// <summary>A "did that help?" question awaiting its answer.</summary>
    public PendingFeedback? Feedback { get; set; }

    /// <summary>What the hand-off rules track between turns, and the survey after an agent's chat.</summary>
    public HandoffMemory Handoff { get; set; } = new();
}

/// <summary>One dialog in progress: where it waits, how often the current question was answered wrongly, what its calls found.</summary>
public sealed class DialogFrame
{
    public required string Intent { get; set; }

    /// <summary>The dialog file's version when the frame started; a changed file restarts the dialog (slots are kept).</summary>
    public required string Version { get; set; }

    public int Step { get; set; }

    public int Attempts { get; set; }

    public Dictionary<string, string> Values { get; set; } = [];

    /// <summary>The customer message that started this dialog, for the retraining labels.</summary>
    public string? UtteranceId { get; set; }
}

public sealed class PendingChoice
{
    public List<string> Intents { get; set; } = [];

    public string? UtteranceId { get; set; }
}

public sealed class PendingFeedback
{
    public required string Intent { get; set; }

    public string? UtteranceId { get; set; }
}

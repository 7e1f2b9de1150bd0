namespace SupportBot.Handoff;

/// <summary>When the bot hands a conversation to a person, and how the queue routes it (section "Handoff").</summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff";

    /// <summary>Off: the bot never escalates (the talk_to_human dialog answers instead).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Escalate when the customer asks for a person (the talk_to_human intent, its button, or a "human" word).</summary>
    public bool OnCustomerRequest { get; set; } = true;

    /// <summary>Escalate when the classifier stays below its threshold right after the bot asked to clarify.</summary>
    public bool OnLowConfidence { get; set; } = true;

    /// <summary>Escalate after this many misunderstandings in a row (0: never).</summary>
    public int MaxMisunderstandings { get; set; } = 2;

    /// <summary>
    /// Intents that always go to a person; not configured: complaint and delete_account. (Null rather than a default
    /// list, because configuration binding appends to a list it finds instead of replacing it.)
    /// </summary>
    public string[]? AlwaysHumanIntents { get; set; }

    public IReadOnlyList<string> HumanIntents => AlwaysHumanIntents ?? ["complaint", "delete_account"];

    /// <summary>Escalate when the customer sends the same message this many times in a row (0: never).</summary>
    public int RepeatedMessages { get; set; } = 3;

    /// <summary>Escalate on an angry phrase from the "angry" lists of dialogs/common.json.</summary>
    public bool OnAngryPhrases { get; set; } = true;

    /// <summary>The skill each intent needs; intents not listed need <see cref="DefaultSkill"/>.</summary>
    public Dictionary<string, string> Skills { get; set; } = new()
    {
        ["order_status"] = "orders", ["cancel_order"] = "orders", ["change_order"] = "orders", ["change_address"] = "orders",
        ["missing_package"] = "orders", ["damaged_item"] = "orders",
        ["refund_status"] = "billing", ["payment_failed"] = "billing", ["payment_methods"] = "billing", ["invoice"] = "billing", ["discount_code"] = "billing",
        ["login_trouble"] = "accounts", ["password_reset"] = "accounts", ["create_account"] = "accounts", ["update_account"] = "accounts", ["delete_account"] = "accounts",
    };

    public string DefaultSkill { get; set; } = "general";

    /// <summary>Queue priority per reason (higher first); reasons not listed have 0.</summary>
    public Dictionary<string, int> Priorities { get; set; } = new()
    {
        [HandoffReasons.AngryPhrase] = 2, [HandoffReasons.RepeatedMessage] = 1, [HandoffReasons.AlwaysHuman] = 1,
    };

    /// <summary>Give each new hand-off to the least busy matching agent at once, beside agents picking from the queue.</summary>
    public bool AutoAssign { get; set; }

    /// <summary>Queue even when every matching agent online is at capacity (otherwise the customer is offered to leave a message).</summary>
    public bool QueueWhenAgentsBusy { get; set; }

    /// <summary>
    /// How long an agent's chat takes on average, for the wait estimate (position × this ÷ matching agents) until
    /// enough chats have ended to measure it (<see cref="Queue.HandleTimes"/>).
    /// </summary>
    public TimeSpan AverageHandleTime { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>A conversation waiting longer than this leaves the queue; the customer is offered to leave a message.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>When agents take chats; outside these hours the customer is offered to leave a message.</summary>
    public BusinessHoursOptions BusinessHours { get; set; } = new();

    /// <summary>
    /// After the 1-5 rating, the survey also asks the 0-10 "would you recommend us" question (NPS). Off by default:
    /// each extra question costs answers, so a desk opts in when it wants the figure.
    /// </summary>
    public bool SurveyNps { get; set; }

    /// <summary>How long a hand-off record (and an ended one, for the retraining export) is kept.</summary>
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromDays(90);

    public string SkillFor(string? intent) =>
        intent is not null && Skills.TryGetValue(intent, out var skill) ? skill : DefaultSkill;

    public int PriorityFor(string reason) => Priorities.GetValueOrDefault(reason);
}

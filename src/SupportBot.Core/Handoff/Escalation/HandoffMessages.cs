namespace SupportBot.Handoff.Escalation;

/// <summary>Keys of dialogs/common.json the hand-off and the survey say; loading fails if one is missing.</summary>
public static class HandoffMessages
{
    public const string Queued = "handoffQueued";
    public const string QueueMoved = "handoffQueueMoved";
    public const string AlreadyQueued = "handoffAlreadyQueued";
    public const string StillQueued = "handoffStillQueued";
    public const string DeskClosed = "handoffDeskClosed";
    public const string NoAgents = "handoffNoAgents";
    public const string Accepted = "handoffAccepted";
    public const string ClosedByAgent = "handoffClosedByAgent";
    public const string Returned = "handoffReturned";
    public const string LeftQueue = "handoffLeftQueue";
    public const string Failed = "handoffFailed";
    public const string SurveyAsk = "surveyAsk";
    public const string SurveyNps = "surveyNps";
    public const string SurveyComment = "surveyComment";
    public const string SurveyThanks = "surveyThanks";

    /// <summary>The dialog that takes a message for agents when nobody can chat (dialogs/intents/leave_message.json).</summary>
    public const string LeaveMessageDialog = "leave_message";

    public static IReadOnlyList<string> Required { get; } =
    [
        Queued, QueueMoved, AlreadyQueued, StillQueued, DeskClosed, NoAgents, Accepted, ClosedByAgent, Returned, LeftQueue,
        Failed, SurveyAsk, SurveyNps, SurveyComment, SurveyThanks,
    ];
}

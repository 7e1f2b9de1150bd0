namespace SupportBot.Insights.Archive;

// The rows of the archive's tables (see Sql/sqlite/001-initial.sql for what each column means and where it comes
// from). Times are UTC; the tables keep them as Unix milliseconds.

/// <summary>A row of <c>conversations</c>.</summary>
public sealed record ArchivedConversation(
    string Id,
    string Channel,
    string? Language,
    string CustomerId,
    string? CustomerName,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? ClosedAt,
    int CustomerMessages,
    int BotMessages,
    int AgentMessages,
    string? FirstCustomerText,
    DateTimeOffset? LastCustomerAt,
    string? LastCustomerIntent,
    bool LastCustomerUnanswered,
    bool LastCustomerMisunderstood,
    int Handoffs,
    long ArchivedSeq);

/// <summary>
/// A row of <c>activities</c>; <see cref="Role"/> is one of <see cref="ArchiveRoles"/>, <see cref="RawJson"/> the
/// activity as logged, in UTF-8 (the column is text; the worker binds these bytes to it without a string between).
/// </summary>
public sealed record ArchivedActivity(
    long Seq,
    string Id,
    DateTimeOffset Timestamp,
    string Role,
    string? FromId,
    string? FromName,
    string Type,
    string? Name,
    string? Text,
    string? Intent,
    double? Confidence,
    bool? Ambiguous,
    string? Language,
    string? ReplyToId,
    byte[] RawJson);

/// <summary>A row of <c>handoffs</c>, keyed by the sequence of its handoff.initiate event; <see cref="Outcome"/> is one of <see cref="HandoffOutcomes"/>.</summary>
public sealed record ArchivedHandoff(
    long Seq,
    string Reason,
    string? Intent,
    string? Language,
    string? Skill,
    DateTimeOffset RequestedAt,
    DateTimeOffset? PickedUpAt,
    string? AgentId,
    string? AgentName,
    string? FirstAgentId,
    int Transfers,
    DateTimeOffset? FirstAgentReplyAt,
    DateTimeOffset? EndedAt,
    string? Outcome,
    string? ResolutionIntent,
    IReadOnlyList<string> Tags);

/// <summary>A row of <c>surveys</c>.</summary>
public sealed record ArchivedSurvey(long Seq, long? HandoffSeq, string? AgentId, DateTimeOffset AnsweredAt, int Rating, int? Nps, string? Comment);

/// <summary>A row of <c>feedback</c>: a "did that help?" answer.</summary>
public sealed record ArchivedFeedback(long Seq, DateTimeOffset AnsweredAt, string Intent, bool Helped, string? UtteranceId);

/// <summary>A row of <c>tickets</c>.</summary>
public sealed record ArchivedTicket(
    string Id, string? ConversationId, string? CustomerId, string? Language, string? Reason,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? ClosedBy);

/// <summary>
/// What one write upserts, derived from the log alone: everything the archive holds of one conversation, or, with
/// <see cref="Since"/>, what changed after that sequence (its activities, the hand-offs, surveys, answers and order
/// numbers they brought, and the conversation's row as it now stands).
/// </summary>
public sealed record ConversationSnapshot(
    ArchivedConversation Conversation,
    IReadOnlyList<ArchivedActivity> Activities,
    IReadOnlyList<string> OrderNumbers,
    IReadOnlyList<ArchivedHandoff> Handoffs,
    IReadOnlyList<ArchivedSurvey> Surveys,
    IReadOnlyList<ArchivedFeedback> Feedback,
    long? Since = null);

/// <summary>Where a conversation stands in the archive: its row and its latest hand-off, all an incremental copy builds on.</summary>
public sealed record ArchivedMark(ArchivedConversation Conversation, ArchivedHandoff? LastHandoff);

/// <summary>The <c>activities.role</c> values.</summary>
public static class ArchiveRoles
{
    public const string Customer = "customer";
    public const string Bot = "bot";
    public const string Agent = "agent";
    public const string System = "system";
}

/// <summary>The <c>handoffs.outcome</c> values.</summary>
public static class HandoffOutcomes
{
    public const string Closed = "closed";
    public const string Returned = "returned";
    public const string Abandoned = "abandoned";
    public const string Timeout = "timeout";
    public const string Failed = "failed";
}

using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;

namespace SupportBot.Web.Agents;

/// <summary>The signed-in agent, and what their console needs to work: intents for the close form, canned responses, colleagues.</summary>
public sealed record AgentProfile(
    string Id,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Skills,
    int Capacity,
    string Status,
    IReadOnlyList<string> Intents,
    IReadOnlyDictionary<string, IReadOnlyList<CannedResponse>> CannedResponses);

/// <summary>A canned response in one language: a short title for the picker and the text sent.</summary>
public sealed record CannedResponse(string Id, string Title, string Text);

/// <summary>A waiting conversation as the queue shows it; <see cref="Channel"/> is where the customer writes from ("directline" for the widget, "msteams"...).</summary>
public sealed record QueueItem(
    string ConversationId,
    int Position,
    string Reason,
    string? Intent,
    float Confidence,
    string Language,
    string Skill,
    int Priority,
    string? CustomerName,
    DateTimeOffset QueuedAt,
    string? Preview,
    string Channel);

/// <summary>A conversation as an agent works on it: the hand-off context on top, the whole transcript, internal notes, who the customer is.</summary>
public sealed record ChatView(
    string ConversationId,
    string Stage,
    string? AgentId,
    string? AgentName,
    HandoffContext Context,
    IReadOnlyList<TranscriptEntry> Transcript,
    IReadOnlyList<AgentNote> Notes,
    string Channel,
    CustomerProfile Customer);

/// <summary>A chat this agent ended lately (closed or returned to the bot), with the customer's rating once it comes.</summary>
public sealed record RecentChat(
    string ConversationId,
    string? CustomerName,
    string Stage,
    DateTimeOffset EndedAt,
    string? Intent,
    SurveyResult? Survey);

/// <summary>What the bot knew when it handed off.</summary>
public sealed record HandoffContext(
    string Reason,
    string? Intent,
    float Confidence,
    string Language,
    string Skill,
    int Priority,
    IReadOnlyDictionary<string, string> Slots,
    string UserId,
    string? CustomerName,
    DateTimeOffset QueuedAt,
    DateTimeOffset? ClaimedAt);

/// <summary>
/// One line of a transcript. <see cref="Sender"/> is "customer", "bot", "agent" or "system" (hand-off events);
/// text is plain text, always rendered as text by the console.
/// </summary>
public sealed record TranscriptEntry(
    string Id,
    DateTimeOffset Timestamp,
    string Sender,
    string? Name,
    string? Text,
    string? Intent,
    float? Confidence,
    string? Language,
    IReadOnlyList<string> Buttons,
    IReadOnlyList<string> Attachments);

/// <summary>A colleague as supervisors and the transfer picker see them.</summary>
public sealed record AgentSummary(
    string Id,
    string Name,
    string Status,
    int Active,
    int Capacity,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Skills);

public sealed record TicketView(
    string Id,
    string ConversationId,
    string Email,
    string Message,
    string Language,
    string? Reason,
    DateTimeOffset CreatedAt,
    bool Open,
    IReadOnlyList<TicketReply> Replies);

/// <summary>POST /agent/api/sign-in body.</summary>
public sealed record SignInRequest(string? Name, string? Password);

/// <summary>A signed-in agent's bearer token for the hub (<c>accessTokenFactory</c>) and the agent API.</summary>
public sealed record SignInResponse(string Token, int ExpiresIn, string Id, string Name, IReadOnlyList<string> Roles);

namespace SupportBot.Insights.Figures;

// What GET /api/insights/summary and `supportbot insights --json` answer (camelCase JSON). Rates are percentages
// 0-100 with one decimal, null when their denominator is 0; durations are seconds. docs/insights.md defines each one.

/// <summary>The headline figures of one range.</summary>
public sealed record InsightsSummary(
    string From,
    string To,
    string? Language,
    string? Channel,
    long Conversations,
    long Engaged,
    long Contained,
    double? ContainmentRate,
    long NaiveContained,
    double? NaiveContainmentRate,
    NotContained NotContained,
    long Escalated,
    double? EscalationRate,
    IReadOnlyDictionary<string, long> EscalationsByReason,
    HandoffFigures Handoffs,
    Percentiles PickupSeconds,
    Percentiles FirstResponseSeconds,
    Percentiles BotFirstResponseSeconds,
    HandleTime HandleSeconds,
    double? ResolutionRate,
    TicketFigures Tickets,
    CsatFigures Csat,
    NpsFigures Nps);

/// <summary>Why engaged conversations the bot kept to itself still do not count as contained.</summary>
public sealed record NotContained(long HandedOff, long Abandoned, long CameBack);

/// <summary>The hand-offs of the range's conversations, by how they went.</summary>
public sealed record HandoffFigures(
    long Requested, long PickedUp, long Resolved, long Returned, long Abandoned, long TimedOut, long Failed, long Open, long Transfers,
    double? QueueAbandonmentRate);

public sealed record HandleTime(double? P50, double? P90, double? Mean);

/// <summary>Tickets opened in the range: how many, how many are still open and for how long, how long the others took.</summary>
public sealed record TicketFigures(long Opened, long Open, long Closed, Percentiles OpenAgeHours, Percentiles HoursToClose);

public sealed record CsatFigures(long Responses, double? SatisfiedRate, double? Mean, double? ResponseRate);

public sealed record NpsFigures(long Responses, double? Score, long Promoters, long Passives, long Detractors);

/// <summary>One UTC day of the trend charts.</summary>
public sealed record DailyFigures(
    string Date, long Conversations, long Engaged, long Contained, double? ContainmentRate, double? NaiveContainmentRate, long Escalated,
    long CsatResponses, double? SatisfiedRate, long NpsResponses, double? NpsScore);

/// <summary>One intent: what customers asked, how the bot did with it.</summary>
public sealed record IntentFigures(
    string Intent, long Messages, long HelpedYes, long HelpedNo, double? HelpedRate, long Misunderstood, long Escalations,
    long DidYouMean, double? DidYouMeanRate);

/// <summary>One agent's chats (hand-offs they ended or still hold) and the surveys that rated them.</summary>
public sealed record AgentFigures(
    string AgentId, string? Name, long Chats, long Resolved, double? HandleSecondsMean, double? FirstResponseSecondsMean,
    long CsatResponses, double? SatisfiedRate, double? CsatMean);

/// <summary>One language (null: the conversation never showed one).</summary>
public sealed record LanguageFigures(
    string? Language, long Conversations, long Engaged, long Contained, double? ContainmentRate, long Escalated,
    long CsatResponses, double? SatisfiedRate);

/// <summary>Rates and means as the figures round them.</summary>
public static class FigureMath
{
    public static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    public static double? Mean(double sum, long count) => count == 0 ? null : Math.Round(sum / count, 2, MidpointRounding.AwayFromZero);

    /// <summary>NPS: promoters (9-10) minus detractors (0-6), as a share of all answers, in points from -100 to 100.</summary>
    public static double? NpsScore(long promoters, long detractors, long responses) =>
        responses == 0 ? null : Math.Round(100.0 * (promoters - detractors) / responses, 1, MidpointRounding.AwayFromZero);
}

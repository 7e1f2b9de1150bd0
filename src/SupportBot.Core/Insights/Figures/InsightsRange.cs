using System.Globalization;

namespace SupportBot.Insights.Figures;

/// <summary>
/// Which conversations a figure counts: those started on the UTC days <see cref="From"/> to <see cref="To"/>
/// (both included), optionally in one language and on one channel. Everything a conversation led to (its hand-offs,
/// survey, feedback) counts with it, on the day it started, so the figures of one range always add up.
/// </summary>
public sealed record InsightsRange(DateOnly From, DateOnly To, string? Language = null, string? Channel = null)
{
    /// <summary>The longest range one request may ask for (a little over a year, so "this year against last" works).</summary>
    public const int MaxDays = 400;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public long FromMs => new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>The first millisecond after the range (the day after <see cref="To"/>).</summary>
    public long ToMs => new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>The range of the same length just before this one, for "against the previous period".</summary>
    public InsightsRange Previous => this with { From = From.AddDays(-Days), To = From.AddDays(-1) };

    /// <summary>Reads the query's from/to (ISO dates, yyyy-MM-dd), language and channel; the reason when they are not usable.</summary>
    public static InsightsRange? TryParse(string? from, string? to, string? language, string? channel, out string? problem)
    {
        problem = null;
        if (!TryDate(from, out var start) || !TryDate(to, out var end))
        {
            problem = "\"from\" and \"to\" are required ISO dates (yyyy-MM-dd, UTC days; \"to\" is included).";
            return null;
        }

        var range = new InsightsRange(start, end, Blank(language)?.ToLowerInvariant(), Blank(channel));
        problem = end < start ? "\"to\" is before \"from\"."
            : range.Days > MaxDays ? $"The range is {range.Days} days; at most {MaxDays} are allowed."
            : range.Language is { Length: > 16 } || range.Channel is { Length: > 64 } ? "\"lang\" or \"channel\" is too long."
            : null;
        return problem is null ? range : null;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

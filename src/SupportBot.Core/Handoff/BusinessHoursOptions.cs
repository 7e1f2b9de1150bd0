using System.Globalization;

namespace SupportBot.Handoff;

/// <summary>The support desk's opening hours in its own time zone. The defaults are always open.</summary>
public sealed class BusinessHoursOptions
{
    /// <summary>An IANA or Windows time zone id, e.g. "Asia/Bangkok".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Days the desk is staffed; not configured: every day (null, as binding would add to a default list).</summary>
    public DayOfWeek[]? Days { get; set; }

    private DayOfWeek[] OpenDays => Days is { Length: > 0 } days ? days : Enum.GetValues<DayOfWeek>();

    /// <summary>Local opening time, "HH:mm".</summary>
    public string Opens { get; set; } = "00:00";

    /// <summary>Local closing time, "HH:mm"; "24:00" means midnight at the end of the day.</summary>
    public string Closes { get; set; } = "24:00";

    public bool IsOpen(DateTimeOffset now)
    {
        var local = System.TimeZoneInfo.ConvertTime(now, TimeZoneInfo);
        var time = local.TimeOfDay;
        return OpenDays.Contains(local.DayOfWeek) && time >= Parse(Opens) && time < Parse(Closes);
    }

    /// <summary>"Monday–Friday 09:00–18:00 (Asia/Bangkok)"-style text for the customer, with day names in their culture.</summary>
    public string Describe(CultureInfo culture)
    {
        var open = OpenDays.Distinct().Order().ToList();
        var days = open.Count == 7 ? "" : DescribeDays(open, culture) + " ";
        return $"{days}{Opens}–{Closes} ({TimeZone})";
    }

    // Three or more days in a row read as a range ("Monday–Saturday"); other days are listed.
    private static string DescribeDays(List<DayOfWeek> days, CultureInfo culture)
    {
        string Name(DayOfWeek day) => culture.DateTimeFormat.GetDayName(day);
        var inARow = days.Count >= 3 && days[^1] - days[0] == days.Count - 1;
        return inARow
            ? $"{Name(days[0])}–{Name(days[^1])}"
            : Localization.LocalFormats.List(days.Select(Name), culture.TwoLetterISOLanguageName);
    }

    public TimeZoneInfo TimeZoneInfo => System.TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public static bool IsValidTime(string text) => TryParse(text, out _);

    private static TimeSpan Parse(string text) => TryParse(text, out var time) ? time : throw new FormatException($"\"{text}\" is not a time of day (HH:mm).");

    private static bool TryParse(string text, out TimeSpan time)
    {
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time);
    }
}

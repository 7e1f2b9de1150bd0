namespace SupportBot.Localization;

/// <summary>The languages SupportBot speaks, as two-letter codes, and how locales map onto them.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Thai = "th";
    public const string Russian = "ru";
    public const string Arabic = "ar";

    public static IReadOnlyList<string> All { get; } = [English, Thai, Russian, Arabic];

    /// <summary>"th-TH" → "th"; anything unsupported or missing → English.</summary>
    public static string FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return English;
        }

        var dash = locale.IndexOfAny(['-', '_']);
        var code = (dash < 0 ? locale : locale[..dash]).Trim().ToLowerInvariant();
        return All.Contains(code) ? code : English;
    }

    public static bool IsRightToLeft(string language) => language == Arabic;
}

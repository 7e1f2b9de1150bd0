using System.Globalization;

namespace SupportBot.Localization;

/// <summary>One customer-facing string in every language SupportBot speaks.</summary>
public sealed class LocalizedText(IReadOnlyDictionary<string, string> texts)
{
    public string this[string language] =>
        texts.TryGetValue(language, out var text) ? text : texts[Languages.English];

    public IReadOnlyDictionary<string, string> Texts => texts;
}

/// <summary>How dates and amounts are written for each language.</summary>
public static class LocalFormats
{
    // ar-AE: Arabic month names on the Gregorian calendar (ar-SA would switch to the Hijri one). th-TH keeps the
    // Buddhist-era year Thai customers expect.
    private static readonly Dictionary<string, CultureInfo> Cultures = new()
    {
        [Languages.English] = CultureInfo.GetCultureInfo("en-US"),
        [Languages.Thai] = CultureInfo.GetCultureInfo("th-TH"),
        [Languages.Russian] = CultureInfo.GetCultureInfo("ru-RU"),
        [Languages.Arabic] = CultureInfo.GetCultureInfo("ar-AE"),
    };

    public static CultureInfo Culture(string language) => Cultures.GetValueOrDefault(language, Cultures[Languages.English]);

    public static string Date(DateOnly date, string language) =>
        date.ToDateTime(TimeOnly.MinValue).ToString("d MMMM yyyy", Culture(language));

    public static string Money(decimal amount, string currency) =>
        $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";
}

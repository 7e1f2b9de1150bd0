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

    /// <summary>Items in a row, separated by the language's comma (Arabic writes "،").</summary>
    public static string List(IEnumerable<string> items, string language) =>
        string.Join(language == Languages.Arabic ? "، " : ", ", items);

    /// <summary>
    /// A value put into an Arabic or Thai sentence (an order or tracking number, an amount, a phone number), isolated
    /// left to right when it has none of the sentence's own letters: "ORD-10001" keeps its order inside Arabic, and
    /// the words around it keep theirs. Values in the sentence's script and other languages are left as they are.
    /// </summary>
    public static string Isolate(string value, string language)
    {
        var own = language switch
        {
            Languages.Arabic => (Func<char, bool>)(c => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFEFF'),
            Languages.Thai => c => c is >= '\u0E00' and <= '\u0E7F',
            _ => null,
        };
        return own is null || value.Length == 0 || value.Any(own) ? value : $"\u2066{value}\u2069";
    }
}

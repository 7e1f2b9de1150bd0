namespace SupportBot.Intents;

/// <summary>
/// Tells a message's language from its letters: Thai, Arabic and Cyrillic have scripts of their own, so any
/// real share of them wins over the English words customers mix in; Latin letters alone mean English. A message
/// with no letters has no language of its own (null), and the conversation's language stands.
/// </summary>
public static class LanguageDetector
{
    public static string? Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        int thai = 0, arabic = 0, cyrillic = 0, latin = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\u0E00' and <= '\u0E7F': thai++; break;
                case >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF': arabic++; break;
                case >= '\u0400' and <= '\u04FF': cyrillic++; break;
                case >= 'a' and <= 'z' or >= 'A' and <= 'Z': latin++; break;
            }
        }

        var native = Math.Max(thai, Math.Max(arabic, cyrillic));
        if (native == 0)
        {
            return latin > 0 ? "en" : null;
        }

        return native == thai ? "th" : native == arabic ? "ar" : "ru";
    }
}

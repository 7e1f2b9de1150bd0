using System.Globalization;
using System.Text;

namespace SupportBot.Intents;

/// <summary>
/// Makes spellings that mean the same thing look the same before features are taken: NFKC, lower case, Arabic
/// diacritics and tatweel removed and alef/yeh/teh-marbuta forms unified, Arabic-Indic and Thai digits made ASCII
/// and every digit run one placeholder (order numbers differ, their meaning doesn't), zero-width characters gone,
/// letters repeated for emphasis cut to two, whitespace collapsed. Training and serving both call this.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Bumped whenever the rules change: a model trained under other rules must be retrained.</summary>
    public const int Version = 1;

    public const int MaxLength = 1000;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var source = text.Length > MaxLength ? text[..MaxLength] : text;
        source = source.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(source.Length);
        char previous = '\0';
        var repeats = 0;
        var lastWasDigit = false;
        foreach (var raw in source)
        {
            var c = Map(raw);
            if (c == '\0')
            {
                continue;
            }

            if (char.IsDigit(c) || (c >= '0' && c <= '9'))
            {
                if (!lastWasDigit)
                {
                    builder.Append('0');
                }

                lastWasDigit = true;
                previous = '0';
                continue;
            }

            lastWasDigit = false;
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                previous = ' ';
                continue;
            }

            repeats = c == previous ? repeats + 1 : 0;
            previous = c;
            if (repeats < 2)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    private static char Map(char c)
    {
        switch (c)
        {
            case '\u0640': // tatweel
            case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF': // zero-width
                return '\0';
            case 'أ' or 'إ' or 'آ' or 'ٱ':
                return 'ا';
            case 'ى':
                return 'ي';
            case 'ة':
                return 'ه';
            case 'ؤ':
                return 'و';
            case 'ئ':
                return 'ي';
            case 'ё':
            case 'Ё':
                return 'е';
        }

        if (c is >= '\u064B' and <= '\u065F' or '\u0670')
        {
            return '\0'; // Arabic harakat, tanween, shadda, sukun, superscript alef
        }

        if (c is >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9' or >= '\u0E50' and <= '\u0E59')
        {
            return '0';
        }

        return char.IsControl(c) ? ' ' : char.ToLower(c, CultureInfo.InvariantCulture);
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Dialogs;

/// <summary>"{orderNumber}" style placeholders in dialog strings.</summary>
public static partial class TextTemplate
{
    public static IReadOnlySet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Fills the placeholders; one without a value is left as it is, which the loader makes impossible.</summary>
    public static string Fill(string text, Func<string, string?> value)
    {
        var result = new StringBuilder(text.Length + 32);
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            result.Append(text, last, match.Index - last);
            result.Append(value(match.Groups[1].Value) ?? match.Value);
            last = match.Index + match.Length;
        }

        return result.Append(text, last, text.Length - last).ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\}")]
    private static partial Regex Placeholder();
}

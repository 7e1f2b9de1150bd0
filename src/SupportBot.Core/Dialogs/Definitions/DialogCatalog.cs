using System.Globalization;
using System.Text;
using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// Everything under dialogs/, loaded and checked as a whole: the shared messages, button lists and command words of
/// common.json, and one dialog per intent. Immutable; a changed folder loads into a new catalog.
/// </summary>
public sealed class DialogCatalog(
    IReadOnlyDictionary<string, LocalizedText> messages,
    IReadOnlyDictionary<string, IReadOnlyList<string>> suggestions,
    IReadOnlyDictionary<string, IReadOnlySet<string>> words,
    IReadOnlyDictionary<string, DialogDefinition> dialogs)
{
    public IReadOnlyDictionary<string, DialogDefinition> Dialogs => dialogs;

    public string Message(string key, string language) =>
        messages.TryGetValue(key, out var text) ? text[language] : throw new KeyNotFoundException($"No message '{key}' in common.json.");

    /// <summary>The topics (intents) offered as buttons with a common message.</summary>
    public IReadOnlyList<string> Suggestions(string key) => suggestions.GetValueOrDefault(key, []);

    public DialogDefinition? Find(string intent) => dialogs.GetValueOrDefault(intent);

    /// <summary>
    /// True when the whole message is one of the <paramref name="kind"/> words ("cancel", "yes", ...) in any of the
    /// four languages: a customer who types "cancel" in a Thai conversation means it.
    /// </summary>
    public bool IsWord(string kind, string? text) =>
        text is not null && words.TryGetValue(kind, out var set) && set.Contains(NormalizeWord(text));

    /// <summary>
    /// True when the message contains one of the <paramref name="kind"/> phrases in any language. Latin and
    /// Cyrillic phrases must stand as whole words ("hell" is not in "hello"); Thai, written without spaces, and
    /// Arabic, whose words take attached particles, match anywhere.
    /// </summary>
    public bool ContainsPhrase(string kind, string? text)
    {
        if (text is null || !words.TryGetValue(kind, out var phrases))
        {
            return false;
        }

        var message = $" {NormalizeWord(text)} ";
        foreach (var phrase in phrases)
        {
            var index = message.IndexOf(phrase, StringComparison.Ordinal);
            while (index >= 0)
            {
                var wholeWord = !char.IsLetterOrDigit(message[index - 1]) && !char.IsLetterOrDigit(message[index + phrase.Length]);
                if (wholeWord || !phrase.Any(c => c is (>= 'a' and <= 'z') or (>= 'а' and <= 'я') or 'ё'))
                {
                    return true;
                }

                index = message.IndexOf(phrase, index + 1, StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <summary>How both the word lists and the customer's message are compared: NFKC, lower case, no edge punctuation.</summary>
    /// <remarks>
    /// A turn asks this of the same message many times (cancel? help? yes? no? an escalation phrase?), so the
    /// thread's last answer is kept: the function is pure, and the message is the same string object each time.
    /// </remarks>
    public static string NormalizeWord(string text)
    {
        if (ReferenceEquals(text, t_lastNormalized.Text))
        {
            return t_lastNormalized.Normalized;
        }

        var normalized = Normalize(text);
        t_lastNormalized = (text, normalized);
        return normalized;
    }

    [ThreadStatic]
    private static (string? Text, string Normalized) t_lastNormalized;

    private static string Normalize(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var start = 0;
        var end = normalized.Length;
        while (start < end && !char.IsLetterOrDigit(normalized[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(normalized[end - 1]) && !IsCombiningMark(normalized[end - 1]))
        {
            end--;
        }

        return string.Join(' ', normalized[start..end].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // Thai words end in tone and vowel marks (ค่ะ, ครับ): trimming them as punctuation would change the word.
    private static bool IsCombiningMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}

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

    /// <summary>How both the word lists and the customer's message are compared: NFKC, lower case, no edge punctuation.</summary>
    public static string NormalizeWord(string text)
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

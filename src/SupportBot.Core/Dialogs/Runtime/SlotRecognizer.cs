using System.Text.RegularExpressions;
using SupportBot.Orders;

namespace SupportBot.Dialogs;

public enum SlotType
{
    OrderNumber,
    Email,
    Address,
    Text,
}

/// <summary>
/// Checks what a customer typed against the kind of answer a slot needs. Anything with markup, control
/// characters or an absurd length is refused outright: the customer is asked again, and the text is never echoed.
/// </summary>
public sealed partial class SlotRecognizer(OrderNumbers orderNumbers)
{
    private const int LongestAnswer = 300;

    /// <summary>"orderNumber" or "OrderNumber" names <see cref="SlotType.OrderNumber"/>; numbers and unknown names do not.</summary>
    public static bool TryParseType(string name, out SlotType type)
    {
        var match = Enum.GetNames<SlotType>().FirstOrDefault(n => string.Equals(n, name, StringComparison.Ordinal)
            || (name.Length > 0 && string.Equals(n, char.ToUpperInvariant(name[0]) + name[1..], StringComparison.Ordinal)));
        type = match is null ? default : Enum.Parse<SlotType>(match);
        return match is not null;
    }

    /// <summary>
    /// The slot's value in <paramref name="text"/>, or null. When the customer was not asked for this slot
    /// (<paramref name="answeringPrompt"/> false: a value mentioned in passing), only order numbers and emails count.
    /// </summary>
    public string? Recognize(SlotType type, string? text, bool answeringPrompt)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > LongestAnswer || Unsafe().IsMatch(text) || HasLoneSurrogate(text))
        {
            return null;
        }

        var answer = Spaces().Replace(text.Trim(), " ");
        return type switch
        {
            SlotType.OrderNumber => orderNumbers.Find(answer, answeringPrompt),
            SlotType.Email => Email().Match(answer) is { Success: true } match ? match.Value : null,
            SlotType.Address when answeringPrompt => IsAddress(answer) ? answer : null,
            SlotType.Text when answeringPrompt => answer.Count(char.IsLetterOrDigit) >= 2 ? answer : null,
            _ => null,
        };
    }

    private static bool IsAddress(string answer) =>
        answer.Length is >= 8 and <= 200 && answer.Count(char.IsLetter) >= 4 && answer.Any(char.IsDigit) && !answer.Contains("://", StringComparison.Ordinal);

    // Emoji are surrogate pairs and welcome ("ORD-10001 🙏"); only a lone half is broken text.
    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"[<>]|[\p{Cc}-[\t\n\r]]")]
    private static partial Regex Unsafe();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[^\s@,;:]+@[^\s@,;:]+\.[^\s@,;:.]{2,}")]
    private static partial Regex Email();
}

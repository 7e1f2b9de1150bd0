using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Orders;

namespace SupportBot.Retraining;

/// <summary>
/// Blanks personal data out of customer utterances before they are exported to retrain the intent model. Each kind
/// becomes a placeholder, so "where is order 10001" still reads as "where is order [ORDER]". A regex that runs out of
/// time throws: an export fails rather than letting an unredacted line through.
/// </summary>
public sealed partial class PiiRedactor
{
    public const string Email = "[EMAIL]";
    public const string Card = "[CARD]";
    public const string Order = "[ORDER]";
    public const string Phone = "[PHONE]";

    // Generous: it stops a pathological configured pattern, and must not trip on the first match of a compiled regex,
    // which pays for its JIT compilation (on a busy machine that alone can take 100 ms).
    private const int TimeoutMs = 1000;

    private readonly Regex _orderNumber;

    public PiiRedactor(IOptions<OrderOptions> orders) =>
        _orderNumber = new Regex(orders.Value.NumberPattern,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(TimeoutMs));

    public string Redact(string text) => Redact(text, found: null);

    /// <summary>The placeholder of each redaction in <paramref name="text"/>, kind by kind, for the export's report.</summary>
    public IReadOnlyList<string> Kinds(string text)
    {
        var found = new List<string>();
        Redact(text, found);
        return found;
    }

    /// <summary>
    /// A pseudonym for a conversation id: the same id and salt always give the same 16 hex characters, so an export
    /// keeps a conversation's utterances together, while nobody without the salt can link it back.
    /// </summary>
    public static string HashId(string id, string salt)
    {
        ArgumentNullException.ThrowIfNull(id);
        // An unsalted hash of a guessable id is no pseudonym at all.
        ArgumentException.ThrowIfNullOrEmpty(salt);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(id));
        return Convert.ToHexStringLower(mac.AsSpan(0, 8));
    }

    private string Redact(string text, List<string>? found)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Emails first: their local part may hold digits that would otherwise pass for a phone or an order.
        text = EmailAddress().Replace(text, _ => Placeholder(Email, found));
        // Cards before orders and phones, which would otherwise claim pieces of a 16-digit number.
        text = Replace(text, Cards(text), Card, found);
        text = RedactOrders(text, found);
        return Replace(text, Phones(text), Phone, found);
    }

    private string RedactOrders(string text, List<string>? found)
    {
        // Every match of the configured pattern counts, bare runs too: it is the pattern that decides whether "10110"
        // may be an order. But a bare five-digit group of a phone ("01632 960001") is left for the phone pass.
        var phones = Phones(text).ToList();
        return _orderNumber.Replace(text, match =>
        {
            var digits = match.Groups["digits"];
            var inPhone = match.Groups["prefix"].Length == 0
                && phones.Exists(p => p.Start <= digits.Index && digits.Index + digits.Length <= p.Start + p.Length);
            if (!digits.Success || inPhone)
            {
                return match.Value;
            }

            // Only the number goes: the customer's own words ("order", "заказ №") stay for the intent model to learn.
            var at = digits.Index - match.Index;
            return match.Value[..at] + Placeholder(Order, found) + match.Value[(at + digits.Length)..];
        });
    }

    // 13–19 digits, in one piece or in groups of 3+ (4-4-4-4, Amex 4-6-5) split by one kind of separator, passing Luhn.
    // Any stretch of groups may be the card: "4111 1111 1111 1111 123" ends with its CVV. A "+" leads a phone instead.
    private static IEnumerable<Span> Cards(string text)
    {
        foreach (Match run in DigitRun().Matches(text))
        {
            if (run.Groups["date"].Success || text[run.Index] == '+')
            {
                continue;
            }

            var groups = Groups(text, run);
            for (var first = 0; first < groups.Count; first++)
            {
                // The longest card starting at this group; 19 digits span only a few groups, however long the run.
                var card = -1;
                var digits = 0;
                for (var last = first; last < groups.Count && (digits += groups[last].Length) <= 19; last++)
                {
                    card = digits >= 13 && IsCard(text, groups, first, last) ? last : card;
                }

                if (card >= 0)
                {
                    yield return new Span(groups[first].Start, groups[card].Start + groups[card].Length - groups[first].Start);
                    first = card;
                }
            }
        }
    }

    private static bool IsCard(string text, List<Span> groups, int first, int last)
    {
        var digits = new List<int>();
        for (var g = first; g <= last; g++)
        {
            var separator = g > first ? Separator(text, groups, g) : null;
            if (groups[g].Length < 3 || separator is not (null or " " or "-") || (g > first + 1 && separator != Separator(text, groups, first + 1)))
            {
                return false;
            }

            digits.AddRange(text.Substring(groups[g].Start, groups[g].Length).Select(c => (int)char.GetNumericValue(c)));
        }

        // Luhn: from the right, every second digit doubled, its digits summed; the total ends in 0.
        return Enumerable.Reverse(digits).Select((d, i) => i % 2 == 0 ? d : d * 2 % 10 + d * 2 / 10).Sum() % 10 == 0;
    }

    // A phone is 9–15 digits (E.164's longest). A longer run counts only if it splits cleanly into phones, so a 16-digit
    // number that failed Luhn is kept whole, not half-redacted. A lone digit after a phone is a quantity ("2 items").
    private static IEnumerable<Span> Phones(string text) =>
        DigitRun().Matches(text).Where(run => !run.Groups["date"].Success).SelectMany(run => SplitPhones(run, Groups(text, run)));

    private static IEnumerable<Span> SplitPhones(Match run, List<Span> groups)
    {
        // Worked back from the end, so a long list of numbers takes linear time: phoneEnd[i] is the last group of the
        // longest phone starting at group i after which the rest still splits, or -1.
        var n = groups.Count;
        var splits = new bool[n + 1];
        var phoneEnd = new int[n];
        splits[n] = true;
        for (var first = n - 1; first >= 0; first--)
        {
            phoneEnd[first] = -1;
            var digits = 0;
            for (var last = first; last < n && (digits += groups[last].Length) <= 15; last++)
            {
                phoneEnd[first] = digits >= 9 && groups[last].Length > 1 && splits[last + 1] ? last : phoneEnd[first];
            }

            splits[first] = phoneEnd[first] >= 0 || (first > 0 && first == n - 1 && groups[first].Length <= 2);
        }

        for (var first = 0; splits[0] && first < n && phoneEnd[first] >= 0; first = phoneEnd[first] + 1)
        {
            // The first phone of a run takes its leading "+" or "(" with it.
            var start = first == 0 ? run.Index : groups[first].Start;
            yield return new Span(start, groups[phoneEnd[first]].Start + groups[phoneEnd[first]].Length - start);
        }
    }

    private static List<Span> Groups(string text, Match run)
    {
        var groups = new List<Span>();
        foreach (var digits in Digits().EnumerateMatches(text.AsSpan(run.Index, run.Length)))
        {
            groups.Add(new Span(run.Index + digits.Index, digits.Length));
        }

        return groups;
    }

    private static string Separator(string text, List<Span> groups, int g) =>
        text[(groups[g - 1].Start + groups[g - 1].Length)..groups[g].Start];

    private static string Replace(string text, IEnumerable<Span> spans, string placeholder, List<string>? found)
    {
        var result = new StringBuilder();
        var copied = 0;
        foreach (var span in spans)
        {
            result.Append(text, copied, span.Start - copied).Append(Placeholder(placeholder, found));
            copied = span.Start + span.Length;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    private static string Placeholder(string kind, List<string>? found)
    {
        found?.Add(kind);
        return kind;
    }

    private readonly record struct Span(int Start, int Length);

    // ASCII and Cyrillic addresses (иван@почта.рф). Thai and Arabic letters are never part of one, so Thai written
    // without spaces ("อีเมลsomchai@example.comค่ะ") still ends the address where the Latin stops.
    [GeneratedRegex(@"(?<![A-Za-z0-9_\p{IsCyrillic}.%+-])[A-Za-z0-9_\p{IsCyrillic}.%+-]+@(?:[A-Za-z0-9\p{IsCyrillic}-]+\.)+(?:[A-Za-z]{2,}|\p{IsCyrillic}{2,})", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex EmailAddress();

    // A number as customers type it: digit groups in any script joined by single spaces, dashes, dots or parentheses,
    // led by an optional "+" or "(". Dates match first and are skipped, so "2026-11-22 081 234 5678" is a date and a phone.
    // A run never starts inside a Latin word (an SKU) or right after "10:", "1,299." or "22/" (times, prices, dates).
    [GeneratedRegex(@"(?<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})(?![\p{N}]|[./-]\p{N})|(?<![A-Za-z\p{N}]|\p{N}[:.,/])(?:\+\s?|\(\s?)?\d+(?:(?:[ .-]?[()][ .-]?|[ .-])\d+)*", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex Digits();
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SupportBot.Orders;

/// <summary>Finds order numbers in customers' text, with the pattern from <see cref="OrderOptions"/>.</summary>
public sealed class OrderNumbers
{
    private readonly Regex _pattern;
    private readonly string _format;

    public OrderNumbers(IOptions<OrderOptions> options)
    {
        _pattern = new Regex(options.Value.NumberPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        _format = options.Value.NumberFormat;
    }

    /// <summary>
    /// The canonical order number in <paramref name="text"/>. When the customer was not asked for one
    /// (<paramref name="answeringPrompt"/> false) a bare run of digits is not enough: it may be a postcode or an amount.
    /// </summary>
    public string? Find(string text, bool answeringPrompt)
    {
        foreach (Match match in _pattern.Matches(text))
        {
            if (answeringPrompt || match.Groups["prefix"].Length > 0)
            {
                // \d also matches Arabic-Indic and Thai digits: ORD-١٠٠٠١ is ORD-10001.
                var digits = string.Concat(match.Groups["digits"].Value.Select(c => (char)('0' + (int)char.GetNumericValue(c))));
                return _format.Replace("{digits}", digits, StringComparison.Ordinal);
            }
        }

        return null;
    }
}

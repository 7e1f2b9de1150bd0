using System.CommandLine;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// The benchmarks' options, made one way (System.CommandLine). A repeated option takes its last value, so a wrapper
/// script's defaults can be overridden by what its caller passes after them; a value outside an option's rule is a
/// usage error naming the option, the value and the rule.
/// </summary>
internal static class BenchOptions
{
    /// <summary>Reads an option's text: true with its value, or false when the text breaks the option's rule.</summary>
    public delegate bool Reader<T>(string text, out T value);

    /// <param name="required">The option must be given: it has no default (a default would satisfy the requirement).</param>
    public static Option<T> Value<T>(string name, string description, string helpName, T fallback, Reader<T> read, string rule, bool required = false) =>
        new(name)
        {
            Description = description, HelpName = helpName, Required = required, DefaultValueFactory = required ? null : _ => fallback,
            // One value an occurrence, any number of occurrences; the last one counts.
            Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (read(text, out var value))
                {
                    return value;
                }

                result.AddError($"{name} is {rule}; got '{text}'.");
                return fallback;
            },
        };

    public static Option<int> Int(string name, string description, int fallback, int min, int max, bool required = false) =>
        Value(name, description, "N", fallback,
            (string text, out int n) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out n) && n >= min && n <= max,
            $"a whole number from {min} to {max}", required);

    /// <summary>A number written the same way in every culture (2.5, not 2,5), over <paramref name="above"/> (or from it, <paramref name="orEqual"/>) up to <paramref name="max"/>.</summary>
    public static Option<double> Number(string name, string description, string helpName, double fallback, double above, double max, bool orEqual = false) =>
        Value(name, description, helpName, fallback, (string text, out double d) => InRange(text, above, max, orEqual, out d), Rule(above, max, orEqual));

    /// <summary><see cref="Number"/> without a default: null when the option is not given.</summary>
    public static Option<double?> OptionalNumber(string name, string description, string helpName, double above, double max, bool orEqual = false) =>
        Value<double?>(name, description, helpName, null,
            (string text, out double? value) => (value = InRange(text, above, max, orEqual, out var d) ? d : null) is not null, Rule(above, max, orEqual));

    /// <summary>A text option; empty only with <paramref name="emptyAllowed"/> (a Redis key prefix may be).</summary>
    public static Option<string?> Text(string name, string description, string helpName, string? fallback = null, bool emptyAllowed = false, bool required = false) =>
        Value(name, description, helpName, fallback, (string text, out string? value) => (value = text).Length > 0 || emptyAllowed, "a text that is not empty", required);

    public static Option<Uri> Url(string fallback = "http://127.0.0.1:5080") =>
        Value("--url", "The server's base URL.", "URL", new Uri(fallback),
            (string text, out Uri url) => Uri.TryCreate(text, UriKind.Absolute, out url!) && url.Scheme is "http" or "https", "an http or https URL");

    /// <summary>--duration: the measured seconds of a load.</summary>
    public static Option<double> Duration(double fallback) => Number("--duration", "Measured seconds.", "S", fallback, 0, 86_400);

    /// <summary>--warmup: the seconds of load before measuring starts.</summary>
    public static Option<double> Warmup(double fallback) => Number("--warmup", "Seconds before measuring starts.", "S", fallback, 0, 3_600, orEqual: true);

    /// <summary>--names A,B: the two sides' labels in a table of pairs.</summary>
    public static Option<string[]> Names(string description, string first, string second) =>
        Value("--names", description, "A,B", [first, second],
            (string text, out string[] value) => (value = text.Split(',', StringSplitOptions.TrimEntries)).Length == 2, "two labels separated by a comma");

    public static Option<bool> Json() =>
        new("--json") { Description = "Print the figures as one JSON object on stdout (the table goes to stderr)." };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    private static bool InRange(string text, double above, double max, bool orEqual, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && (orEqual ? value >= above : value > above) && value <= max;

    private static string Rule(double above, double max, bool orEqual) => $"a number {(orEqual ? "from" : "over")} {N(above)} up to {N(max)}";

    private static string N(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

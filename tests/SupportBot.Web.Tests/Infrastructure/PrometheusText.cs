using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A strict reader of Prometheus' text exposition format (0.0.4), as a scraper reads it: every line a comment, a
/// HELP or TYPE line, or a sample of a declared family; histograms' buckets cumulative and ending in +Inf = count.
/// Anything else fails the test.
/// </summary>
public sealed partial class PrometheusText
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    private PrometheusText(Dictionary<string, string> types, List<Sample> samples)
    {
        Types = types;
        Samples = samples;
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>Family name to type (counter, gauge, histogram, summary, untyped).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static PrometheusText Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var (line, number) in text.Split('\n').Select((l, i) => (l, i + 1)).Where(l => l.l.Length > 0))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                Assert.True(types.TryAdd(type.Groups[1].Value, type.Groups[2].Value), $"Line {number} declares {type.Groups[1].Value} twice.");
            }
            else if (line.StartsWith('#'))
            {
                Assert.Matches(HelpOrComment(), line);
            }
            else
            {
                var sample = ParseSample(line, number);
                Assert.True(FamilyOf(sample.Name, types) is not null, $"Line {number}: {sample.Name} has no # TYPE line before it.");
                samples.Add(sample);
            }
        }

        var parsed = new PrometheusText(types, samples);
        parsed.CheckHistograms();
        return parsed;
    }

    /// <summary>The one sample of <paramref name="name"/> whose labels include <paramref name="labels"/>; null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var matching = Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.True(matching.Count <= 1, $"{matching.Count} samples of {name} match.");
        return matching.Count == 1 ? matching[0].Value : null;
    }

    private static Sample ParseSample(string line, int number)
    {
        var match = SampleLine().Match(line);
        Assert.True(match.Success, $"Line {number} is not a sample: {line}");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match label in Label().Matches(match.Groups["labels"].Value))
        {
            var value = label.Groups[2].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            Assert.True(labels.TryAdd(label.Groups[1].Value, value), $"Line {number} repeats the label {label.Groups[1].Value}.");
        }

        return new Sample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value));
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string? FamilyOf(string sample, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sample))
        {
            return sample;
        }

        return HistogramSuffixes.Where(sample.EndsWith).Select(s => sample[..^s.Length])
            .FirstOrDefault(f => types.TryGetValue(f, out var type) && type == "histogram");
    }

    private void CheckHistograms()
    {
        foreach (var family in Types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var counts = Samples.Where(s => s.Name == family + "_count").ToDictionary(s => Series(s), s => s.Value);
            foreach (var buckets in Samples.Where(s => s.Name == family + "_bucket").GroupBy(Series))
            {
                var ordered = buckets.OrderBy(b => ParseValue(b.Labels["le"])).ToList();
                Assert.Equal("+Inf", ordered[^1].Labels["le"]);
                Assert.True(ordered.Zip(ordered.Skip(1)).All(p => p.First.Value <= p.Second.Value), $"{family}'s buckets are not cumulative.");
                Assert.Equal(counts[buckets.Key], ordered[^1].Value);
            }
        }
    }

    // A histogram's series: its labels but the bucket's bound.
    private static string Series(Sample sample) => string.Join(
        ",", sample.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^#( HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*| .*|)$")]
    private static partial Regex HelpOrComment();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\[""n\\])*"",?)*)\})? (?<value>[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]Inf|NaN)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\[""n\\])*)""")]
    private static partial Regex Label();
}

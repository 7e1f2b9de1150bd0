using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SupportBot.Insights.Figures;

/// <summary>The one JSON and CSV shape of the figures, shared by the API, the page's export and the CLI.</summary>
public static class InsightsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The summary as two columns, figure and value, nested figures named with dots (csat.mean).</summary>
    public static string SummaryCsv(InsightsSummary summary)
    {
        var csv = new StringBuilder("figure,value\n");
        foreach (var (name, value) in Flatten(JsonSerializer.SerializeToElement(summary, Options)))
        {
            csv.Append(Cell(name)).Append(',').Append(Cell(value)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A table, one row a line, the columns named as in the JSON (nested ones with dots).</summary>
    public static string TableCsv<T>(IEnumerable<T> rows)
    {
        var flat = rows.Select(r => Flatten(JsonSerializer.SerializeToElement(r, Options)).ToList()).ToList();
        var columns = flat.Count > 0
            ? flat[0].Select(c => c.Name).ToList()
            : Flatten(JsonSerializer.SerializeToElement(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(T)), Options)).Select(c => c.Name).ToList();
        var csv = new StringBuilder(string.Join(',', columns.Select(Cell))).Append('\n');
        foreach (var row in flat)
        {
            csv.Append(string.Join(',', row.Select(c => Cell(c.Value)))).Append('\n');
        }

        return csv.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Flatten(JsonElement element, string prefix = "")
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var inner in Flatten(property.Value, name + "."))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return (name, property.Value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number => property.Value.GetDouble().ToString(CultureInfo.InvariantCulture),
                    _ => property.Value.GetRawText(),
                });
            }
        }
    }

    // RFC 4180 quoting; a leading =, +, - or @ is quoted behind an apostrophe so a spreadsheet never runs a cell as a formula.
    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

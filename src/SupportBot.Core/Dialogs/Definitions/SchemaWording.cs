using System.Globalization;
using System.Text.Json;
using Json.Schema;
using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// Words one failed schema rule for the person editing the file: what is wrong, in the file's terms. A rule's
/// "title" in the schema names the thing it checks ("a slot type", "translation", "word list"), so the wording
/// stays with the schema and the code knows no dialog field by name.
/// </summary>
internal sealed class SchemaWording(EvaluationResults node, JsonElement? rule, JsonElement? parentRule, JsonElement file)
{
    private readonly string _pointer = Unescape(node.InstanceLocation.ToString());

    public SchemaProblem Describe(string keyword) => new(_pointer, keyword switch
    {
        "required" => Missing(),
        "type" => $"{Subject()} must be {TypeWords()}.",
        "enum" => $"{Value()} is not {Title() ?? "allowed here"} ({string.Join(", ", Strings(rule?.GetProperty("enum")))}).",
        "pattern" => Title() is { } title ? $"{Subject()} must be {title}." : $"{Subject()} must match {RuleValue("pattern")}.",
        "minItems" => $"{Subject()} must have at least {RuleValue("minItems")} {Entries("minItems")}.",
        "maxItems" => $"{Subject()} may have at most {RuleValue("maxItems")} {Entries("maxItems")}.",
        "uniqueItems" => $"{Subject()} lists the same entry twice.",
        "" when node.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal) => UnknownProperty(),
        _ => $"{Subject()}: {node.Errors![keyword]}",
    });

    /// <summary>A "oneOf" of required properties: the kinds of which a value must have exactly one.</summary>
    public SchemaProblem NotExactlyOne(JsonElement alternatives)
    {
        var kinds = alternatives.EnumerateArray().SelectMany(a => a.TryGetProperty("required", out var r) ? Strings(r) : []).Select(k => $"\"{k}\"").ToList();
        var listed = kinds.Count > 1 ? $"{string.Join(", ", kinds[..^1])} or {kinds[^1]}" : string.Join("", kinds);
        return new(_pointer, $"{(IsIndex(Name(_pointer)) ? "each entry" : Subject())} must have exactly one of {listed}.");
    }

    private string Missing()
    {
        var present = Instance() is { ValueKind: JsonValueKind.Object } value ? value.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
        var required = Strings(rule?.GetProperty("required"));
        var missing = required.FirstOrDefault(r => !present.Contains(r)) ?? "?";
        return required.All(Languages.All.Contains)
            ? $"{Subject()} has no \"{missing}\" {Title() ?? "translation"}."
            : Title() is { } title && _pointer.Length > 0 ? $"the {title} \"{missing}\" is required but missing." : $"\"{missing}\" is missing.";
    }

    private string UnknownProperty()
    {
        var expected = parentRule is { } parent && parent.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).Where(n => n != "$schema")
            : [];
        return $"unknown property \"{Name(_pointer)}\" (expected {string.Join(", ", expected)}).";
    }

    private string TypeWords() => (rule is { } r && r.TryGetProperty("type", out var type) ? type.GetString() : null) switch
    {
        "object" => "an object",
        "array" => "a list",
        "string" => "a string",
        "boolean" => "true or false",
        "integer" or "number" => "a number",
        var other => other ?? "of another type",
    };

    private string? Title() => rule is { } r && r.TryGetProperty("title", out var title) ? title.GetString() : null;

    private string RuleValue(string keyword) => rule is { } r && r.TryGetProperty(keyword, out var value) ? value.ToString() : "?";

    private string Entries(string keyword) => RuleValue(keyword) == "1" ? "entry" : "entries";

    private JsonElement? Instance() => node.InstanceLocation.Evaluate(file);

    private string Value() => Instance() is { ValueKind: JsonValueKind.String } s ? $"\"{s.GetString()}\"" : Instance()?.GetRawText() ?? "the value";

    /// <summary>"title", "entry 2 of suggest", or "the file" for the root.</summary>
    private string Subject()
    {
        if (_pointer.Length == 0)
        {
            return "the file";
        }

        var name = Name(_pointer);
        return IsIndex(name)
            ? string.Create(CultureInfo.InvariantCulture, $"entry {int.Parse(name, CultureInfo.InvariantCulture) + 1} of \"{Name(_pointer[.._pointer.LastIndexOf('/')])}\"")
            : $"\"{name}\"";
    }

    private static List<string> Strings(JsonElement? array) =>
        array is { ValueKind: JsonValueKind.Array } a ? [.. a.EnumerateArray().Select(e => e.ToString())] : [];

    private static string Name(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];

    private static bool IsIndex(string name) => name.Length > 0 && name.All(char.IsAsciiDigit);

    // JSON Pointer escapes "~" and "/" in names; JsonLineIndex keys by the names as written.
    private static string Unescape(string pointer) =>
        string.Join('/', pointer.Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
}

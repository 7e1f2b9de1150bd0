using System.Text.Json;
using Json.Pointer;
using Json.Schema;

namespace SupportBot.Dialogs;

/// <summary>
/// One of dialogs/schema/*.json, embedded in this assembly at build time: the shape of a dialog file is said there
/// once, for editors and for the loader alike. <see cref="Check"/> turns JSON Schema's evaluation results into
/// problems a person can act on, each at the JSON Pointer of the value it is about, so the loader can name the line.
/// </summary>
internal sealed class DialogSchema
{
    private static readonly EvaluationOptions Hierarchical = new() { OutputFormat = OutputFormat.Hierarchical };
    private readonly JsonSchema _schema;
    private readonly JsonElement _raw;

    private DialogSchema(string text)
    {
        _schema = JsonSchema.FromText(text);
        _raw = JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>common.json's schema.</summary>
    public static DialogSchema Common { get; } = Load("common.schema.json");

    /// <summary>The schema of every intents/*.json.</summary>
    public static DialogSchema Dialog { get; } = Load("dialog.schema.json");

    /// <summary>Every problem JSON Schema finds in <paramref name="file"/>; empty when the file has the right shape.</summary>
    public List<SchemaProblem> Check(JsonElement file)
    {
        var problems = new List<SchemaProblem>();
        Collect(_schema.Evaluate(file, Hierarchical), null, null, file, problems);
        return problems;
    }

    private static DialogSchema Load(string name)
    {
        using var stream = typeof(DialogSchema).Assembly.GetManifestResourceStream($"SupportBot.Dialogs.Schema.{name}")
            ?? throw new InvalidOperationException($"dialogs/schema/{name} is not embedded in SupportBot.Core.");
        using var reader = new StreamReader(stream);
        return new DialogSchema(reader.ReadToEnd());
    }

    // Walks the failed branches only. The alternatives of a oneOf fail by design (all but one), and an "if" that
    // fails only means its "then" does not apply: neither is a problem of the file, so neither is descended into.
    private void Collect(EvaluationResults node, EvaluationResults? parent, JsonElement? parentRule, JsonElement file, List<SchemaProblem> problems)
    {
        if (node.IsValid)
        {
            return;
        }

        var rule = RuleOf(node, parent, parentRule);
        var words = new SchemaWording(node, rule, parentRule, file);
        foreach (var (keyword, _) in node.Errors ?? new Dictionary<string, string>())
        {
            problems.Add(words.Describe(keyword));
        }

        if (node.Errors is null or { Count: 0 } && rule is { } r && r.TryGetProperty("oneOf", out var alternatives))
        {
            var failed = node.Details?.Count(d => !d.IsValid && Parent(d.EvaluationPath.ToString()).EndsWith("/oneOf", StringComparison.Ordinal)) ?? 0;
            if (failed != alternatives.GetArrayLength() - 1)
            {
                // A step with no kind or two has no definition to hold it to: saying what else is wrong would be noise.
                problems.Add(words.NotExactlyOne(alternatives));
                return;
            }
        }

        foreach (var child in node.Details ?? [])
        {
            var path = child.EvaluationPath.ToString();
            if (!path.EndsWith("/if", StringComparison.Ordinal) && !Parent(path).EndsWith("/oneOf", StringComparison.Ordinal))
            {
                Collect(child, node, rule, file, problems);
            }
        }
    }

    /// <summary>
    /// The part of the schema a node ran, to word its problem from: the parent's rule followed along the node's
    /// evaluation path ("/properties/url", "/items"), or, past a "$ref" (and at the root), the absolute location.
    /// The library's absolute locations are not used elsewhere: it names some, such as an inline "items", by a
    /// path the document lacks (and writes "items" twice in the evaluation path of an array's entries).
    /// </summary>
    private JsonElement? RuleOf(EvaluationResults node, EvaluationResults? parent, JsonElement? parentRule)
    {
        var path = node.EvaluationPath.ToString();
        var rule = parent is null || path.EndsWith("/$ref", StringComparison.Ordinal)
            ? Follow(_raw, Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#')))
            : parentRule is { } from ? Follow(from, path[parent.EvaluationPath.ToString().Length..].Replace("/items/items", "/items", StringComparison.Ordinal)) : null;
        return rule is { ValueKind: JsonValueKind.Object } ? rule : null; // "false" (no such property) has nothing to word
    }

    private static JsonElement? Follow(JsonElement from, string pointer) =>
        JsonPointer.TryParse(pointer, out var parsed) ? parsed.Evaluate(from) : null;

    private static string Parent(string path) => path[..Math.Max(0, path.LastIndexOf('/'))];
}

/// <summary>A problem JSON Schema found: the JSON Pointer of the value (unescaped, as JsonLineIndex keys it) and what is wrong.</summary>
internal sealed record SchemaProblem(string Pointer, string Message);

using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// One file under dialogs/, parsed and checked against its schema, with the lines of its values. What the schema
/// says holds once it is read, so the loader's own checks (names that refer to other files, actions, placeholders)
/// can read values without checking their shape again.
/// </summary>
internal sealed class DialogFile
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly JsonLineIndex _lines;

    private DialogFile(string path, JsonObject root, JsonLineIndex lines, byte[] bytes)
    {
        Path = path;
        Root = root;
        _lines = lines;
        Version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
    }

    public string Path { get; }

    public JsonObject Root { get; }

    /// <summary>A hash of the file's bytes: a conversation in a dialog whose file changed starts that dialog over.</summary>
    public string Version { get; }

    /// <summary>Reads the file and checks it against <paramref name="schema"/>; the first problem in the file stops the load.</summary>
    public static DialogFile Read(string path, DialogSchema schema, string? hintWhenMissing)
    {
        if (!File.Exists(path))
        {
            throw new DialogFileException(path, null, hintWhenMissing is null ? "file not found." : $"file not found ({hintWhenMissing}).");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..]; // editors on Windows save a byte-order mark; JSON parsers refuse it
        }

        JsonNode? root;
        List<SchemaProblem> problems;
        try
        {
            root = JsonNode.Parse(bytes, NodeOptions, DocumentOptions);
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            problems = schema.Check(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new DialogFileException(path, (int?)ex.LineNumber + 1, $"not valid JSON: {ex.Message}");
        }

        var lines = JsonLineIndex.Build(bytes);
        if (problems.Count > 0)
        {
            var first = problems.OrderBy(p => lines.LineOf(p.Pointer)).ThenByDescending(p => p.Pointer.Length).First();
            throw new DialogFileException(path, lines.LineOf(first.Pointer), first.Message);
        }

        return new DialogFile(path, root!.AsObject(), lines, bytes);
    }

    [DoesNotReturn]
    public void Fail(string pointer, string problem) => throw new DialogFileException(Path, _lines.LineOf(pointer), problem);

    [DoesNotReturn]
    public T Fail<T>(string pointer, string problem) => throw new DialogFileException(Path, _lines.LineOf(pointer), problem);

    /// <summary>
    /// A string in every language (the schema saw to that). Each language must use the same placeholders, and with
    /// <paramref name="scope"/> every placeholder must name something known at that point of the dialog.
    /// </summary>
    public LocalizedText Translated(JsonNode? node, string pointer, IReadOnlySet<string>? scope)
    {
        var result = node!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        var english = TextTemplate.Placeholders(result[Languages.English]);
        foreach (var (language, text) in result)
        {
            var placeholders = TextTemplate.Placeholders(text);
            if (!placeholders.SetEquals(english))
            {
                Fail($"{pointer}/{language}", $"the \"{language}\" text uses {{{string.Join("}, {", placeholders.Order())}}} but English uses {{{string.Join("}, {", english.Order())}}}.");
            }

            foreach (var name in placeholders.Where(p => scope is not null && !scope.Contains(p)))
            {
                Fail($"{pointer}/{language}", $"{{{name}}} is neither a slot asked for before this step nor a value of the call it is in.");
            }
        }

        return new LocalizedText(result);
    }

    /// <summary>A list of strings the schema has already checked.</summary>
    public static List<string> Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(item => item!.GetValue<string>())] : [];
}

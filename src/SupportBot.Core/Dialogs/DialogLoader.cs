using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Bot;
using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// Loads dialogs/ (common.json and intents/*.json) into a <see cref="DialogCatalog"/>. Every file is checked
/// completely before anything is returned, so a folder with one bad file never half-loads; the error names the
/// file and the line.
/// </summary>
public static class DialogLoader
{
    public const string CommonFile = "common.json";
    public const string IntentsFolder = "intents";

    /// <summary>The command words common.json must define, in every language.</summary>
    public static IReadOnlyList<string> RequiredWords { get; } = [CommandWords.Cancel, CommandWords.Help, CommandWords.Yes, CommandWords.No, CommandWords.Human, CommandWords.Angry];

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static DialogCatalog Load(string directory, IReadOnlyCollection<ActionDescriptor> actions)
    {
        var commonPath = Path.Combine(directory, CommonFile);
        var common = JsonFile.Read(commonPath, "set Bot:DialogsPath to the dialogs folder");
        var messages = ReadMessages(common);
        var suggestions = ReadSuggestions(common, out var suggested);
        var words = ReadWords(common);

        var dialogs = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        var intentsDirectory = Path.Combine(directory, IntentsFolder);
        var files = Directory.Exists(intentsDirectory)
            ? Directory.GetFiles(intentsDirectory, "*.json").Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        foreach (var path in files)
        {
            var file = JsonFile.Read(path, null);
            var compiler = new DialogCompiler(file, actions.ToDictionary(a => a.Name));
            var dialog = compiler.Compile();
            dialogs[dialog.Intent] = dialog;
            suggested.AddRange(compiler.Suggested);
        }

        foreach (var (file, pointer, intent) in suggested)
        {
            if (!dialogs.ContainsKey(intent))
            {
                file.Fail(pointer, $"suggests \"{intent}\", but there is no dialog for it ({IntentsFolder}/{intent}.json).");
            }
        }

        return new DialogCatalog(messages, suggestions, words, dialogs);
    }

    private static Dictionary<string, LocalizedText> ReadMessages(JsonFile common)
    {
        common.AllowOnly(common.Root, "", "$schema", "messages", "suggest", "words");
        var messages = common.Object(common.Root["messages"], "/messages");
        var result = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var (key, value) in messages)
        {
            result[key] = common.Translated(value, $"/messages/{key}", null);
        }

        foreach (var key in MessageKeys.Required.Concat(Handoff.HandoffMessages.Required).Where(k => !result.ContainsKey(k)))
        {
            common.Fail("/messages", $"message \"{key}\" is required but missing.");
        }

        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadSuggestions(JsonFile common, out List<(JsonFile, string, string)> suggested)
    {
        suggested = [];
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in common.Object(common.Root["suggest"], "/suggest"))
        {
            var intents = common.Strings(value, $"/suggest/{key}");
            suggested.AddRange(intents.Select((intent, i) => (common, $"/suggest/{key}/{i}", intent)));
            result[key] = intents;
        }

        foreach (var key in MessageKeys.RequiredSuggestions.Where(k => !result.ContainsKey(k)))
        {
            common.Fail("/suggest", $"the button list \"{key}\" is required but missing.");
        }

        return result;
    }

    private static Dictionary<string, IReadOnlySet<string>> ReadWords(JsonFile common)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var words = common.Object(common.Root["words"], "/words");
        foreach (var kind in RequiredWords.Where(k => !words.ContainsKey(k)))
        {
            common.Fail("/words", $"the word list \"{kind}\" is required but missing.");
        }

        foreach (var (kind, perLanguage) in words)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            var languages = common.Object(perLanguage, $"/words/{kind}");
            foreach (var language in Languages.All)
            {
                if (!languages.ContainsKey(language))
                {
                    common.Fail($"/words/{kind}", $"\"{kind}\" has no \"{language}\" words.");
                }
            }

            foreach (var (language, list) in languages)
            {
                if (!Languages.All.Contains(language))
                {
                    common.Fail($"/words/{kind}/{language}", $"\"{language}\" is not one of the languages ({string.Join(", ", Languages.All)}).");
                }

                set.UnionWith(common.Strings(list, $"/words/{kind}/{language}").Select(DialogCatalog.NormalizeWord));
            }

            result[kind] = set;
        }

        return result;
    }

    /// <summary>One parsed file with the lines of its values, and the checks every dialog file shares.</summary>
    internal sealed class JsonFile
    {
        private readonly JsonLineIndex _lines;

        private JsonFile(string path, JsonObject root, JsonLineIndex lines, byte[] bytes)
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

        public static JsonFile Read(string path, string? hintWhenMissing)
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
            try
            {
                root = JsonNode.Parse(bytes, NodeOptions, DocumentOptions);
            }
            catch (JsonException ex)
            {
                throw new DialogFileException(path, (int?)ex.LineNumber + 1, $"not valid JSON: {ex.Message}");
            }

            return root is JsonObject obj
                ? new JsonFile(path, obj, JsonLineIndex.Build(bytes), bytes)
                : throw new DialogFileException(path, 1, "the file must hold one JSON object.");
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void Fail(string pointer, string problem) => throw new DialogFileException(Path, _lines.LineOf(pointer), problem);

        public JsonObject Object(JsonNode? node, string pointer) =>
            node as JsonObject ?? Fail<JsonObject>(pointer, node is null ? $"\"{Name(pointer)}\" is missing." : $"\"{Name(pointer)}\" must be an object.");

        public List<string> Strings(JsonNode? node, string pointer)
        {
            if (node is not JsonArray array)
            {
                return Fail<List<string>>(pointer, $"\"{Name(pointer)}\" must be a list of strings.");
            }

            return [.. array.Select((item, i) => item is JsonValue value && value.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)
                ? s
                : Fail<string>($"{pointer}/{i}", "each entry must be a non-empty string."))];
        }

        public string String(JsonNode? node, string pointer) =>
            node is JsonValue value && value.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)
                ? s
                : Fail<string>(pointer, node is null ? $"\"{Name(pointer)}\" is missing." : $"\"{Name(pointer)}\" must be a non-empty string.");

        public bool? Boolean(JsonNode? node, string pointer) =>
            node is null ? null
            : node is JsonValue value && value.TryGetValue<bool>(out var b) ? b
            : Fail<bool>(pointer, $"\"{Name(pointer)}\" must be true or false.");

        /// <summary>
        /// A string in every language. With <paramref name="scope"/>, every placeholder must name something known at
        /// that point of the dialog; in any case each language must use the same placeholders.
        /// </summary>
        public LocalizedText Translated(JsonNode? node, string pointer, IReadOnlySet<string>? scope)
        {
            var texts = Object(node, pointer);
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (language, value) in texts)
            {
                if (!Languages.All.Contains(language))
                {
                    Fail($"{pointer}/{language}", $"\"{language}\" is not one of the languages ({string.Join(", ", Languages.All)}).");
                }

                result[language] = String(value, $"{pointer}/{language}");
            }

            foreach (var language in Languages.All.Where(l => !result.ContainsKey(l)))
            {
                Fail(pointer, $"\"{Name(pointer)}\" has no \"{language}\" translation.");
            }

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

        public void AllowOnly(JsonObject obj, string pointer, params string[] names)
        {
            foreach (var (name, _) in obj)
            {
                if (!names.Contains(name))
                {
                    Fail($"{pointer}/{name}", $"unknown property \"{name}\" (expected {string.Join(", ", names.Where(n => n != "$schema"))}).");
                }
            }
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public T Fail<T>(string pointer, string problem) => throw new DialogFileException(Path, _lines.LineOf(pointer), problem);

        private static string Name(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];
    }
}

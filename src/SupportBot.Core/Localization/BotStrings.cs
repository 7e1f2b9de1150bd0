using System.Text.Json;

namespace SupportBot.Localization;

/// <summary>
/// Customer-facing messages and button lists from dialogs/common.json, every one in every language.
/// Loading validates the whole file first, so a bad file never half-loads.
/// </summary>
public sealed class BotStrings
{
    public const string FileName = "common.json";

    private readonly Dictionary<string, Dictionary<string, string>> _messages;
    private readonly Dictionary<string, List<Dictionary<string, string>>> _actions;

    private BotStrings(Dictionary<string, Dictionary<string, string>> messages, Dictionary<string, List<Dictionary<string, string>>> actions)
    {
        _messages = messages;
        _actions = actions;
    }

    public string Get(string key, string language) =>
        _messages.TryGetValue(key, out var texts)
            ? texts[Languages.All.Contains(language) ? language : Languages.English]
            : throw new KeyNotFoundException($"No message '{key}' in {FileName}.");

    public IReadOnlyList<string> Actions(string key, string language) =>
        _actions.TryGetValue(key, out var list)
            ? [.. list.Select(t => t[Languages.All.Contains(language) ? language : Languages.English])]
            : [];

    public static BotStrings Load(string dialogsDirectory, IEnumerable<string>? requiredMessages = null)
    {
        var path = Path.Combine(dialogsDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new DialogFileException(path, null, "file not found (set Bot:DialogsPath to the dialogs folder).");
        }

        var text = File.ReadAllText(path);
        CommonFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CommonFile>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                ReadCommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException ex)
        {
            throw new DialogFileException(path, (int?)ex.LineNumber + 1, $"not valid JSON: {ex.Message}");
        }

        if (file?.Messages is null)
        {
            throw new DialogFileException(path, 1, "missing the \"messages\" object.");
        }

        foreach (var (key, texts) in file.Messages)
        {
            RequireAllLanguages(path, text, key, texts);
        }

        var actions = file.Actions ?? [];
        foreach (var (key, list) in actions)
        {
            foreach (var texts in list)
            {
                RequireAllLanguages(path, text, key, texts);
            }
        }

        foreach (var key in requiredMessages ?? [])
        {
            if (!file.Messages.ContainsKey(key))
            {
                throw new DialogFileException(path, null, $"message \"{key}\" is required but missing.");
            }
        }

        return new BotStrings(file.Messages, actions);
    }

    private static void RequireAllLanguages(string path, string text, string key, Dictionary<string, string>? texts)
    {
        foreach (var language in Languages.All)
        {
            if (texts is null || !texts.TryGetValue(language, out var value) || string.IsNullOrWhiteSpace(value))
            {
                throw new DialogFileException(path, LineOf(text, $"\"{key}\""), $"\"{key}\" has no \"{language}\" translation.");
            }
        }
    }

    private static int? LineOf(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        return index < 0 ? null : text.AsSpan(0, index).Count('\n') + 1;
    }

    private sealed class CommonFile
    {
        public Dictionary<string, Dictionary<string, string>>? Messages { get; set; }

        public Dictionary<string, List<Dictionary<string, string>>>? Actions { get; set; }
    }
}

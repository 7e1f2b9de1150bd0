using System.Text.Json.Nodes;
using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// Loads dialogs/ (common.json and intents/*.json) into a <see cref="DialogCatalog"/>. Every file is checked
/// completely before anything is returned, so a folder with one bad file never half-loads; the error names the
/// file and the line. The shape of each file is dialogs/schema's to say (<see cref="DialogSchema"/>); the checks
/// here are those a schema cannot make: intents suggested by one file need a dialog in another, and (in
/// <see cref="DialogCompiler"/>) actions, slots and placeholders must exist where they are used.
/// </summary>
public static class DialogLoader
{
    public const string CommonFile = "common.json";
    public const string IntentsFolder = "intents";

    /// <summary>The command words the bot looks for; common.schema.json requires each, in every language.</summary>
    public static IReadOnlyList<string> RequiredWords { get; } = [CommandWords.Cancel, CommandWords.Help, CommandWords.Yes, CommandWords.No, CommandWords.Human, CommandWords.Angry];

    public static DialogCatalog Load(string directory, IReadOnlyCollection<ActionDescriptor> actions)
    {
        var common = DialogFile.Read(Path.Combine(directory, CommonFile), DialogSchema.Common, "set Bot:DialogsPath to the dialogs folder");
        var messages = ReadMessages(common);
        var suggested = new List<(DialogFile File, string Pointer, string Intent)>();
        var suggestions = ReadSuggestions(common, suggested);
        var words = ReadWords(common);

        var dialogs = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        var intentsDirectory = Path.Combine(directory, IntentsFolder);
        var files = Directory.Exists(intentsDirectory)
            ? Directory.GetFiles(intentsDirectory, "*.json").Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        foreach (var path in files)
        {
            var file = DialogFile.Read(path, DialogSchema.Dialog, null);
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

    private static Dictionary<string, LocalizedText> ReadMessages(DialogFile common) =>
        common.Root["messages"]!.AsObject().ToDictionary(m => m.Key, m => common.Translated(m.Value, $"/messages/{m.Key}", null), StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyList<string>> ReadSuggestions(DialogFile common, List<(DialogFile, string, string)> suggested)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in common.Root["suggest"]!.AsObject())
        {
            var intents = DialogFile.Strings(value);
            suggested.AddRange(intents.Select((intent, i) => (common, $"/suggest/{key}/{i}", intent)));
            result[key] = intents;
        }

        return result;
    }

    private static Dictionary<string, IReadOnlySet<string>> ReadWords(DialogFile common) =>
        common.Root["words"]!.AsObject().ToDictionary(
            kind => kind.Key,
            kind => (IReadOnlySet<string>)kind.Value!.AsObject().SelectMany(list => DialogFile.Strings(list.Value)).Select(DialogCatalog.NormalizeWord).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
}

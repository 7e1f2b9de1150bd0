using System.Text.Json;
using SupportBot.Localization;

namespace SupportBot.Web.Agents;

/// <summary>
/// The agents' canned responses per language, from dialogs/canned-responses.json. Read once at startup; a file
/// that is missing a language or is not valid JSON stops startup with the file's name, like the dialogs do.
/// </summary>
public sealed class CannedResponses
{
    public const string FileName = "canned-responses.json";

    public CannedResponses(string dialogsPath)
    {
        var path = Path.Combine(dialogsPath, FileName);
        if (!File.Exists(path))
        {
            ByLanguage = Languages.All.ToDictionary(l => l, _ => (IReadOnlyList<CannedResponse>)[]);
            return;
        }

        try
        {
            var loaded = JsonSerializer.Deserialize<Dictionary<string, List<CannedResponse>>>(File.ReadAllText(path), JsonSerializerOptions.Web) ?? [];
            foreach (var language in Languages.All.Where(l => !loaded.ContainsKey(l)))
            {
                throw new InvalidDataException($"{path}: no \"{language}\" responses.");
            }

            if (loaded.Values.SelectMany(l => l).FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Id) || string.IsNullOrWhiteSpace(r.Text)) is { } bad)
            {
                throw new InvalidDataException($"{path}: every response needs an id and a text (\"{bad.Title}\" has not).");
            }

            ByLanguage = loaded.ToDictionary(p => p.Key, p => (IReadOnlyList<CannedResponse>)p.Value);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}({e.LineNumber + 1}): {e.Message}", e);
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<CannedResponse>> ByLanguage { get; }
}

using System.Text.Json;
using SupportBot.Intents;

namespace SupportBot.Retraining;

/// <summary>One model the registry holds.</summary>
public sealed record RegisteredModel(string Version, DateTimeOffset PromotedAt, double? ValidationAccuracy, int Intents, string DataHash);

/// <summary>The registry's index: every version, which one serves, and the order they were promoted in.</summary>
public sealed class RegistryIndex
{
    public string? Current { get; set; }

    /// <summary>Versions in the order they became current; rollback walks back along it.</summary>
    public List<string> History { get; set; } = [];

    public List<RegisteredModel> Versions { get; set; } = [];
}

/// <summary>
/// Versioned models under a folder (<c>models/registry/&lt;version&gt;/model.zip</c> and <c>registry.json</c>) and the
/// serving model file the servers watch (<c>Intents:ModelPath</c>; each server swaps a changed file in within a
/// second). Promoting saves the candidate into the registry and over the serving file; rolling back puts the
/// previous version back. Every write goes to a temporary file that is then renamed, so a server (or a crash)
/// never sees half a model or half an index.
/// </summary>
public sealed class ModelRegistry(string directory, string servingPath)
{
    public const string IndexFile = "registry.json";
    public const string ModelFile = "model.zip";

    public string Directory => directory;

    public RegistryIndex Read()
    {
        var path = Path.Combine(directory, IndexFile);
        if (!File.Exists(path))
        {
            return new RegistryIndex();
        }

        try
        {
            return JsonSerializer.Deserialize<RegistryIndex>(File.ReadAllText(path), ModelCard.Json) ?? new RegistryIndex();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid registry index ({e.Message}); fix or delete it.", e);
        }
    }

    /// <summary>
    /// Makes <paramref name="candidatePath"/> the serving model. The model serving before, if the registry does not
    /// know it yet, is registered first, so the first promotion can be rolled back too.
    /// </summary>
    public RegisteredModel Promote(string candidatePath, DateTimeOffset now)
    {
        var candidate = IntentModel.Load(candidatePath); // refuses a file that is not a model before anything changes
        var index = Read();
        IntentModel? unregistered = index.Current is null && File.Exists(servingPath) ? IntentModel.Load(servingPath) : null;
        if ((index.Current ?? unregistered?.Card.Version) == candidate.Card.Version)
        {
            throw new InvalidOperationException($"Model {candidate.Card.Version} is already the serving model.");
        }

        if (unregistered is not null)
        {
            Register(index, unregistered, now);
            index.Current = unregistered.Card.Version;
            index.History.Add(unregistered.Card.Version);
        }

        var entry = Register(index, candidate, now);
        index.Current = entry.Version;
        index.History.Add(entry.Version);
        candidate.Save(servingPath);
        Write(index);
        return entry;
    }

    /// <summary>Puts the version served before the current one back; returns it.</summary>
    public RegisteredModel Rollback()
    {
        var index = Read();
        if (index.History.Count < 2 || index.Current is null)
        {
            throw new InvalidOperationException("There is no earlier version to roll back to.");
        }

        index.History.RemoveAt(index.History.Count - 1);
        index.Current = index.History[^1];
        IntentModel.Load(PathOf(index.Current)).Save(servingPath);
        Write(index);
        return index.Versions.First(v => v.Version == index.Current);
    }

    /// <summary>
    /// The intents only the serving model knows and those only <paramref name="candidate"/> knows; both empty when
    /// nothing serves yet. New intents need dialogs, so promoting such a candidate takes a deliberate yes.
    /// </summary>
    public (IReadOnlyList<string> OnlyServing, IReadOnlyList<string> OnlyCandidate) IntentChanges(IntentModel candidate) =>
        File.Exists(servingPath) ? ModelComparison.LabelDifference(IntentModel.Load(servingPath).Card, candidate.Card) : ([], []);

    public string PathOf(string version) => PathOf(directory, version);

    /// <summary>Where the registry in <paramref name="directory"/> keeps <paramref name="version"/>.</summary>
    public static string PathOf(string directory, string version) => Path.Combine(directory, version, ModelFile);

    private RegisteredModel Register(RegistryIndex index, IntentModel model, DateTimeOffset now)
    {
        var card = model.Card;
        if (!File.Exists(PathOf(card.Version)))
        {
            model.Save(PathOf(card.Version)); // with model.card.json and model.card.md beside it
        }

        var entry = new RegisteredModel(card.Version, now, card.Validation?.Accuracy, card.Labels.Count, card.DataHash);
        index.Versions.RemoveAll(v => v.Version == card.Version);
        index.Versions.Add(entry);
        return entry;
    }

    private void Write(RegistryIndex index)
    {
        System.IO.Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, IndexFile), JsonSerializer.Serialize(index, ModelCard.Json));
    }

    public static void WriteAtomically(string target, string content)
    {
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, target, overwrite: true);
    }
}

using System.Text.Json;
using SupportBot.Intents;

namespace SupportBot.Retraining;

/// <summary>The same text (after normalisation) labelled differently: for a person to settle, never guessed.</summary>
public sealed record DatasetConflict(string Text, IReadOnlyList<(string Intent, string Source)> Labels);

/// <summary>What <see cref="DatasetBuilder.Build"/> made: the merged examples, what is new, what was dropped and why.</summary>
public sealed record DatasetBuild(
    IReadOnlyList<IntentExample> Examples,
    IReadOnlyList<IntentExample> Added,
    int Duplicates,
    int Unlabelled,
    IReadOnlyList<DatasetConflict> Conflicts);

/// <summary>
/// Merges the shipped training data with labelled transcript lines (from <c>transcripts export</c>): drops
/// duplicates (same normalised text and label), keeps conflicts (same text, different labels) out of the data and
/// lists them, and refuses labels the shipped data does not know. Unlabelled lines are skipped.
/// </summary>
public static class DatasetBuilder
{
    /// <summary>Longest transcript text taken; longer lines are refused as not a customer utterance.</summary>
    public const int MaxTextLength = TextNormalizer.MaxLength;

    public static DatasetBuild Build(IReadOnlyList<IntentExample> shipped, IEnumerable<string> transcriptFiles)
    {
        var known = shipped.Select(e => e.Intent).ToHashSet(StringComparer.Ordinal);
        var byText = new Dictionary<string, List<IntentExample>>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var example in shipped)
        {
            var key = Key(example.Text);
            if (!byText.TryGetValue(key, out var same))
            {
                byText[key] = [example];
            }
            else if (same.Any(e => e.Intent == example.Intent))
            {
                duplicates++;
            }
            else
            {
                same.Add(example);
            }
        }

        var transcripts = ReadTranscripts(transcriptFiles, known, out var unlabelled);
        var added = new List<IntentExample>();
        var conflicted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var example in transcripts)
        {
            var key = Key(example.Text);
            if (!byText.TryGetValue(key, out var same))
            {
                byText[key] = [example];
                added.Add(example);
            }
            else if (same.Any(e => e.Intent == example.Intent))
            {
                duplicates++;
            }
            else
            {
                same.Add(example);
                conflicted.Add(key);
            }
        }

        // Shipped examples that disagree among themselves are conflicts too: they were there before, so they stay.
        var conflicts = byText.Where(p => p.Value.Select(e => e.Intent).Distinct().Count() > 1)
            .Select(p => new DatasetConflict(p.Value[0].Text, [.. p.Value.Select(e => (e.Intent, $"{e.Source}:{e.Line}"))]))
            .ToList();
        var shippedSet = shipped.ToHashSet();
        var examples = byText.Values
            .SelectMany(list => list.Where(e => shippedSet.Contains(e) || !conflicted.Contains(Key(e.Text))))
            .ToList();
        return new DatasetBuild(examples, [.. added.Where(e => !conflicted.Contains(Key(e.Text)))], duplicates, unlabelled, conflicts);
    }

    // What makes two utterances "the same": the classifier's normalisation, then case, spacing and edge punctuation
    // ("Where is my order?" is "where is my order").
    private static string Key(string text) => SupportBot.Dialogs.DialogCatalog.NormalizeWord(TextNormalizer.Normalize(text));

    private static List<IntentExample> ReadTranscripts(IEnumerable<string> files, IReadOnlySet<string> known, out int unlabelled)
    {
        var examples = new List<IntentExample>();
        var unknown = new List<string>();
        unlabelled = 0;
        foreach (var path in files)
        {
            if (!File.Exists(path))
            {
                throw new TrainingDataException($"{path}: no such file.");
            }

            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var (text, label, language) = Parse(line, path, number);
                if (label is null)
                {
                    unlabelled++;
                }
                else if (!known.Contains(label))
                {
                    unknown.Add($"{path}:{number}: \"{label}\"");
                }
                else
                {
                    examples.Add(new IntentExample(text, label, language ?? LanguageDetector.Detect(text), path, number));
                }
            }
        }

        if (unknown.Count > 0)
        {
            throw new TrainingDataException(
                $"{unknown.Count} line(s) carry labels the training data does not know (add the intent to models/data first, or fix the label):{Environment.NewLine}  " +
                string.Join($"{Environment.NewLine}  ", unknown.Take(20)) + (unknown.Count > 20 ? $"{Environment.NewLine}  ..." : ""));
        }

        return examples;
    }

    private static (string Text, string? Label, string? Language) Parse(string line, string path, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("text", out var textProperty) || textProperty.ValueKind != JsonValueKind.String)
            {
                throw new TrainingDataException($"{path}:{number}: expected an object with a string \"text\" (a transcripts export line).");
            }

            var text = textProperty.GetString()!;
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength || text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                throw new TrainingDataException($"{path}:{number}: \"text\" is empty, longer than {MaxTextLength} characters, or has control characters.");
            }

            return (text, String(root, "label") ?? String(root, "intent"), String(root, "lang"));
        }
        catch (JsonException e)
        {
            throw new TrainingDataException($"{path}:{number}: not valid JSON ({e.Message}).");
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}

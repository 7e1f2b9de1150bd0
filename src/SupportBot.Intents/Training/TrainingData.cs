using System.Text.Json;

namespace SupportBot.Intents;

/// <summary>Reads JSONL training files (<c>{"text","intent","lang"}</c>; <c>label</c> is accepted for intent).</summary>
public static class TrainingData
{
    public static List<IntentExample> Load(IEnumerable<string> paths)
    {
        var examples = new List<IntentExample>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new TrainingDataException($"{path}: no such file.");
            }

            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                examples.Add(Parse(line, path, lineNumber));
            }
        }

        return examples;
    }

    /// <summary>
    /// Reads the files in order of name and takes their lines in turn (the first of each file, then the second of
    /// each, ...), so training does not depend on the order the files are given in, and each language's n-grams
    /// reach the pipeline's per-length cap (first come, first kept) as early as the others'.
    /// </summary>
    public static List<IntentExample> LoadInterleaved(IEnumerable<string> paths)
    {
        var files = Sorted(paths).Select(path => Load([path])).ToList();
        var examples = new List<IntentExample>(files.Sum(f => f.Count));
        var longest = files.Select(f => f.Count).DefaultIfEmpty(0).Max();
        for (var i = 0; i < longest; i++)
        {
            examples.AddRange(files.Where(f => i < f.Count).Select(f => f[i]));
        }

        return examples;
    }

    /// <summary>Data files in the order <see cref="LoadInterleaved"/> reads them: by file name, then by full path.</summary>
    public static List<string> Sorted(IEnumerable<string> paths) =>
        [.. paths.OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal).ThenBy(p => p, StringComparer.Ordinal)];

    private static IntentExample Parse(string line, string path, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TrainingDataException($"{path}:{lineNumber}: expected a JSON object.");
            }

            var text = String(root, "text");
            var intent = String(root, "intent") ?? String(root, "label");
            if (text is null || intent is null || intent.Length == 0)
            {
                throw new TrainingDataException($"{path}:{lineNumber}: needs string fields \"text\" and \"intent\".");
            }

            return new IntentExample(text, intent, String(root, "lang"), path, lineNumber);
        }
        catch (JsonException ex)
        {
            throw new TrainingDataException($"{path}:{lineNumber}: not valid JSON ({ex.Message}).");
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Intents with fewer than <paramref name="minimum"/> examples, which a model cannot learn well.</summary>
    public static IReadOnlyList<(string Intent, int Count)> TooFew(IEnumerable<IntentExample> examples, int minimum) =>
        [.. examples.GroupBy(e => e.Intent).Select(g => (g.Key, g.Count())).Where(g => g.Item2 < minimum).OrderBy(g => g.Item1, StringComparer.Ordinal)];

    /// <summary>
    /// A deterministic split: every <paramref name="every"/>-th example of each intent and language goes to the
    /// held-out side, so both sides keep every intent in every language.
    /// </summary>
    public static (List<IntentExample> Train, List<IntentExample> HeldOut) Split(IEnumerable<IntentExample> examples, int every)
    {
        var train = new List<IntentExample>();
        var heldOut = new List<IntentExample>();
        foreach (var group in examples.GroupBy(e => (e.Intent, e.Language)))
        {
            var i = 0;
            foreach (var example in group)
            {
                (++i % every == 0 ? heldOut : train).Add(example);
            }
        }

        return (train, heldOut);
    }
}

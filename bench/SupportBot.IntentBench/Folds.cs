using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>
/// Stratified k-fold splits that repeat: each intent's examples are shuffled with a fixed seed and dealt round-robin
/// to the folds, so every fold holds about 1/k of every intent.
/// </summary>
internal static class Folds
{
    public static List<(List<IntentExample> Train, List<IntentExample> Test)> Split(IReadOnlyList<IntentExample> examples, int k, int seed)
    {
        var foldOf = new int[examples.Count];
        var random = new Random(seed);
        var next = 0;
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indices = group.ToArray();
            random.Shuffle(indices);
            foreach (var index in indices)
            {
                // Carry the dealing position over from intent to intent, so small intents don't all start at fold 0.
                foldOf[index] = next++ % k;
            }
        }

        return [.. Enumerable.Range(0, k).Select(fold => (
            examples.Where((_, i) => foldOf[i] != fold).ToList(),
            examples.Where((_, i) => foldOf[i] == fold).ToList()))];
    }
}

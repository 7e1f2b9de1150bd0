namespace SupportBot.Intents;

/// <summary>
/// Out-of-scope-like examples made from the training text itself: short spans of two or three examples of
/// different intents glued together. They use the domain's own words but ask for nothing in particular, so the
/// out-of-scope class learns "a bit of everything, nothing clearly" instead of staying empty when the data has no
/// real out-of-scope examples (or too few to cover what customers really ask).
/// </summary>
internal static class SyntheticNegatives
{
    public static List<IntentExample> Make(IReadOnlyList<IntentExample> training, double share, int seed)
    {
        var byIntent = training.Where(e => e.Intent != IntentNames.OutOfScope)
            .GroupBy(e => e.Intent, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToArray()).ToArray();
        var count = (int)Math.Round(share * training.Count);
        if (byIntent.Length < 2 || count <= 0)
        {
            return [];
        }

        var random = new Random(seed);
        var made = new List<IntentExample>(count);
        while (made.Count < count)
        {
            var parts = random.Next(2, 4);
            var intents = Enumerable.Range(0, byIntent.Length).OrderBy(_ => random.Next()).Take(parts).ToArray();
            var first = byIntent[intents[0]][random.Next(byIntent[intents[0]].Length)];
            var spans = intents.Select(i => Span(byIntent[i][random.Next(byIntent[i].Length)].Text, random));
            var text = string.Join(' ', spans).Trim();
            if (text.Length > 0)
            {
                made.Add(new IntentExample(text, IntentNames.OutOfScope, first.Language, "synthetic", made.Count + 1));
            }
        }

        return made;
    }

    /// <summary>One to three consecutive words; for text without spaces (Thai) three to eight consecutive characters.</summary>
    private static string Span(string text, Random random)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2)
        {
            var length = Math.Min(words.Length, random.Next(1, 4));
            return string.Join(' ', words, random.Next(words.Length - length + 1), length);
        }

        var chars = Math.Min(text.Length, random.Next(3, 9));
        return text.Substring(random.Next(text.Length - chars + 1), chars);
    }
}

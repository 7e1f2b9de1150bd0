using System.Text;

namespace SupportBot.Intents;

/// <summary>
/// Splits Thai runs into character clusters, the smallest pieces a Thai word can be cut into without a dictionary: a
/// leading vowel with the consonant after it, a consonant with the vowel and tone marks above and below it and the
/// following vowels that cannot stand alone, a silenced consonant (under a thanthakhat) with the cluster before it.
/// Thai is written without spaces between words, so a space-split "word" is a whole phrase that hardly repeats; its
/// clusters and their pairs do, and serve as word n-grams. Text in other scripts comes back unchanged.
/// </summary>
public static class ThaiClusters
{
    public static string Split(string text)
    {
        if (!text.Any(IsThai))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length * 3 / 2);
        var clusterStart = -1; // where the current Thai cluster starts in the builder; -1 outside Thai
        var previousStart = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsThai(c))
            {
                clusterStart = previousStart = -1;
                builder.Append(c);
                continue;
            }

            var joinsCurrent = clusterStart >= 0 && (IsMark(c) || IsFollowingVowel(c) || (IsConsonant(c) && IsLeadingVowel(builder[^1])));
            if (joinsCurrent)
            {
                builder.Append(c);
                if (c == Thanthakhat && previousStart >= 0)
                {
                    // The silenced consonant belongs to the syllable before it: drop the space that split them.
                    builder.Remove(clusterStart - 1, 1);
                    clusterStart = previousStart;
                }

                continue;
            }

            if (clusterStart >= 0)
            {
                builder.Append(' ');
            }

            previousStart = clusterStart;
            clusterStart = builder.Length;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private const char Thanthakhat = '\u0E4C';

    private static bool IsThai(char c) => c is >= '\u0E01' and <= '\u0E5B';

    private static bool IsConsonant(char c) => c is >= '\u0E01' and <= '\u0E2E';

    private static bool IsLeadingVowel(char c) => c is >= '\u0E40' and <= '\u0E44';

    // sara a, sara aa, sara am, lakkhangyao: written after the consonant, never alone.
    private static bool IsFollowingVowel(char c) => c is '\u0E30' or '\u0E32' or '\u0E33' or '\u0E45';

    // Vowels above and below, tone marks, thanthakhat and the other combining signs.
    private static bool IsMark(char c) => c is '\u0E31' or >= '\u0E34' and <= '\u0E3A' or >= '\u0E47' and <= '\u0E4E';
}

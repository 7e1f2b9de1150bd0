using System.Globalization;
using System.Security.Cryptography;

namespace SupportBot.Conversations;

/// <summary>Conversation ids and activity ids, in the shapes Direct Line uses.</summary>
public static class ActivityIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A random id of 22 letters and digits (about 131 bits): safe in URLs, Redis keys and activity ids.</summary>
    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, 22);

    public static string ActivityId(string conversationId, long sequence) =>
        $"{conversationId}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";

    /// <summary>The sequence in an id made by <see cref="ActivityId"/> for this conversation; false for any other id.</summary>
    public static bool TryParseSequence(string conversationId, string activityId, out long sequence)
    {
        sequence = 0;
        return activityId.Length > conversationId.Length + 1
            && activityId.StartsWith(conversationId, StringComparison.Ordinal)
            && activityId[conversationId.Length] == '|'
            && long.TryParse(activityId.AsSpan(conversationId.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }

    /// <summary>True for ids this project issued: only letters, digits, '-' and '_', at most 64 characters.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

using System.Globalization;

namespace SupportBot.Insights.Archive;

/// <summary>Where a history page ended: the start time and id of its last conversation (newest first, ties by id).</summary>
public sealed record HistoryCursor(long StartedAtMs, string Id)
{
    public override string ToString() => $"{StartedAtMs.ToString(CultureInfo.InvariantCulture)}~{Id}";

    /// <summary>The cursor a client sent back, or null when it is not one of ours.</summary>
    public static HistoryCursor? Parse(string? text)
    {
        var cut = text?.IndexOf('~', StringComparison.Ordinal) ?? -1;
        return cut > 0 && long.TryParse(text.AsSpan(0, cut), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && cut < text!.Length - 1
            ? new HistoryCursor(ms, text[(cut + 1)..])
            : null;
    }
}

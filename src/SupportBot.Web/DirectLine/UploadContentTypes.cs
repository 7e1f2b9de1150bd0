using System.Text.Unicode;

namespace SupportBot.Web.DirectLine;

/// <summary>Checks that an upload's bytes are what its declared content type says, so a renamed executable is refused.</summary>
public static class UploadContentTypes
{
    public static string Normalize(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    public static bool ContentMatches(string contentType, ReadOnlySpan<byte> head) => contentType switch
    {
        "image/png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/gif" => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
        "image/webp" => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        "application/pdf" => head.StartsWith("%PDF-"u8),
        "text/plain" => !head.Contains((byte)0) && IsUtf8Prefix(head),
        _ => true, // a type an operator allowed without a known signature
    };

    private static bool IsUtf8Prefix(ReadOnlySpan<byte> head)
    {
        // The sample may end inside a multi-byte character; allow up to three trailing bytes of one.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            if (Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}

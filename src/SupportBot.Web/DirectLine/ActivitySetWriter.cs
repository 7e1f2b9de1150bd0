using System.Buffers;
using System.Buffers.Text;
using SupportBot.Conversations;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Builds Direct Line's ActivitySet, <c>{"activities":[...],"watermark":"N"}</c>, from logged JSON as stored,
/// without parsing it again: the log's UTF-8 copied into a WebSocket frame or an HTTP body, with no string in between.
/// </summary>
public static class ActivitySetWriter
{
    /// <summary>The set in a buffer rented from the shared pool, which disposing the frame gives back.</summary>
    public static ActivitySetFrame Rent(IReadOnlyList<LoggedUtf8Activity> activities, long watermark)
    {
        var most = 64;
        for (var i = 0; i < activities.Count; i++)
        {
            most += activities[i].Utf8Json.Length + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(most);
        var span = buffer.AsSpan();
        var length = Append(span, 0, "{\"activities\":["u8);
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0)
            {
                span[length++] = (byte)',';
            }

            activities[i].Utf8Json.Span.CopyTo(span[length..]);
            length += activities[i].Utf8Json.Length;
        }

        length = Append(span, length, "],\"watermark\":\""u8);
        Utf8Formatter.TryFormat(watermark, span[length..], out var digits);
        length = Append(span, length + digits, "\"}"u8);
        return new ActivitySetFrame(buffer, length);
    }

    /// <summary>The set as an array of its own (an HTTP answer's body, which outlives this call).</summary>
    public static byte[] ToArray(IReadOnlyList<LoggedUtf8Activity> activities, long watermark)
    {
        using var frame = Rent(activities, watermark);
        return frame.Memory.ToArray();
    }

    private static int Append(Span<byte> buffer, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(buffer[at..]);
        return at + text.Length;
    }
}

/// <summary>An ActivitySet's UTF-8 in a pooled buffer; valid until disposed.</summary>
public readonly struct ActivitySetFrame(byte[] buffer, int length) : IDisposable
{
    public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
}

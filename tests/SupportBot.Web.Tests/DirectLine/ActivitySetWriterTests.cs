using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Conversations;
using SupportBot.Web.DirectLine;

namespace SupportBot.Tests.DirectLine;

public class ActivitySetWriterTests
{
    [Fact]
    public void TheSetHoldsEveryActivityAsStoredAndTheWatermarkInEveryScript()
    {
        // Unescaped, as the log keeps it, in Thai (three bytes a character in UTF-8), Arabic and Russian (two) and
        // emoji (four); each activity's bytes a part of a bigger array, as a pub/sub message's are after its header.
        string[] texts = [Repeat("ขอคืนเงินค่ะ ขอบคุณมากนะคะ "), Repeat("أريد استرداد المبلغ من فضلك "), Repeat("Верните деньги, пожалуйста "), Repeat("🙂")];
        var activities = texts.Select((text, i) => new LoggedUtf8Activity("c1", i + 1, InTheMiddle($$"""{"id":"c1|{{i + 1}}","text":"{{text}}"}"""))).ToList();

        using var frame = ActivitySetWriter.Rent(activities, 1234567890123);
        var set = JsonNode.Parse(Encoding.UTF8.GetString(frame.Memory.Span))!;
        var bytes = ActivitySetWriter.ToArray(activities, 1234567890123);

        Assert.Equal(texts, set["activities"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal("1234567890123", set["watermark"]!.GetValue<string>());
        Assert.Equal(frame.Memory.ToArray(), bytes);
    }

    [Fact]
    public void AnEmptyPageIsAnEmptySetAtTheWatermarkAsked()
    {
        var set = JsonNode.Parse(ActivitySetWriter.ToArray([], 7))!;

        Assert.Empty(set["activities"]!.AsArray());
        Assert.Equal("7", set["watermark"]!.GetValue<string>());
    }

    private static string Repeat(string text) => string.Concat(Enumerable.Repeat(text, 2000 / text.Length));

    private static ReadOnlyMemory<byte> InTheMiddle(string json)
    {
        var bytes = Encoding.UTF8.GetBytes($"c1\n42\n{json}]]]");
        return bytes.AsMemory(6, bytes.Length - 9);
    }
}

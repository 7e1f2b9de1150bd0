namespace SupportBot.Tests.Dialogs;

/// <summary>How the order answers are written in Arabic and Thai sentences: lists and left-to-right numbers.</summary>
public sealed class OrderDialogWritingTests : IDisposable
{
    // Ordinal comparisons: under the culture's rules the invisible marks are ignored and would always match.
    private const string Isolate = "\u2066"; // LEFT-TO-RIGHT ISOLATE
    private const string EndIsolate = "\u2069"; // POP DIRECTIONAL ISOLATE
    private readonly BotConversation _bot = new();

    [Fact]
    public async Task AnArabicOrderAnswerListsTheItemsWithTheArabicCommaAndIsolatesTheOrderNumber()
    {
        _bot.Locale = "ar-SA";
        _bot.Understands("أين طلبي ORD-10001", "order_status", language: "ar");

        var answer = (await _bot.SayAsync("أين طلبي ORD-10001")).Texts[0]!;

        Assert.Contains("سماعات أذن لاسلكية، جراب هاتف من السيليكون", answer, StringComparison.Ordinal);
        Assert.Contains($"{Isolate}ORD-10001{EndIsolate}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThaiOrderAnswerIsolatesTheOrderAndTrackingNumbers()
    {
        _bot.Locale = "th-TH";
        _bot.Understands("พัสดุ ORD-10002 อยู่ไหน", "order_status", language: "th");

        var answer = (await _bot.SayAsync("พัสดุ ORD-10002 อยู่ไหน")).Texts[0]!;

        Assert.Contains($"{Isolate}ORD-10002{EndIsolate}", answer, StringComparison.Ordinal);
        Assert.Contains($"{Isolate}KEXBK0042718365{EndIsolate}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnglishOrderAnswerKeepsPlainCommasAndNoMarks()
    {
        _bot.Understands("where is ORD-10001", "order_status");

        var answer = (await _bot.SayAsync("where is ORD-10001")).Texts[0]!;

        Assert.Contains("Wireless earbuds, Silicone phone case", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(Isolate, answer, StringComparison.Ordinal);
    }

    public void Dispose() => _bot.Dispose();
}

using SupportBot.Intents;

namespace SupportBot.Tests;

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("where is my order", "en")]
    [InlineData("สินค้ายังไม่มาเลยค่ะ", "th")]
    [InlineData("order ยังไม่มาเลย tracking อยู่ไหน", "th")] // Thai with English words is Thai
    [InlineData("где мой заказ", "ru")]
    [InlineData("мой iPhone 15 не пришел", "ru")]
    [InlineData("وين الطلب تبعي", "ar")]
    [InlineData("عايز اعمل return للـ order", "ar")]
    [InlineData("🙂👍", null)]
    [InlineData("12345", null)]
    [InlineData("   ", null)]
    public void TheLanguageComesFromTheLettersOfTheMessage(string text, string? expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text));
}

using SupportBot.Intents;

namespace SupportBot.Tests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("ＷＨＥＲＥ is My ORDER", "where is my order")] // full-width letters fold (NFKC), case folds
    [InlineData("أين طَلَبِي؟", "اين طلبي؟")] // hamza-alef and harakat
    [InlineData("مـــرحبا", "مرحبا")] // tatweel
    [InlineData("فاتورة", "فاتوره")] // teh marbuta
    [InlineData("إلى", "الي")] // alef maksura
    [InlineData("Ещё", "еще")]
    [InlineData("order ORD-55821 and #١٢٣ and ๑๒๓", "order ord-0 and #0 and 0")] // every digit run is one placeholder
    [InlineData("ช้ามากกกกก", "ช้ามากก")] // emphasis cut to two
    [InlineData("  hi\u200B there \n\t you ", "hi there you")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void SpellingsThatMeanTheSameLookTheSame(string? input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void VeryLongTextIsCutToTheLimit() =>
        Assert.True(TextNormalizer.Normalize(new string('x', 10_000) + " y").Length <= TextNormalizer.MaxLength);
}

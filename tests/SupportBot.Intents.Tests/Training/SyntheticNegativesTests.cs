using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class SyntheticNegativesTests
{
    private static readonly string[] Intents = ["alpha", "beta", "gamma", "delta"];

    [Fact]
    public void SyntheticNegativesGlueSpansOfDifferentIntentsAndAreLabelledOutOfScope()
    {
        // Every word names its intent, so each synthetic line shows which intents it was cut from.
        var training = Intents.SelectMany(intent => Enumerable.Range(0, 20)
            .Select(i => new IntentExample($"{intent}{i} {intent}x {intent}y {intent}z", intent, "en", "test", i))).ToList();

        var made = SyntheticNegatives.Make(training, share: 0.25, seed: 7);

        Assert.Equal(20, made.Count);
        Assert.All(made, e =>
        {
            Assert.Equal(IntentNames.OutOfScope, e.Intent);
            var from = Intents.Where(intent => e.Text.Split(' ').Any(w => w.StartsWith(intent, StringComparison.Ordinal))).ToList();
            Assert.InRange(from.Count, 2, 3);
        });
        Assert.Equal(made.Select(e => e.Text), SyntheticNegatives.Make(training, 0.25, 7).Select(e => e.Text));
    }

    [Fact]
    public void TextWithoutSpacesIsCutIntoCharacterSpans()
    {
        var training = new[] { "ขอคืนเงินหน่อยค่ะ", "พัสดุของฉันอยู่ไหน" }
            .Select((text, i) => new IntentExample(text, i == 0 ? "refund_request" : "order_status", "th", "test", i)).ToList();

        var made = SyntheticNegatives.Make(training, share: 5, seed: 1);

        Assert.Equal(10, made.Count);
        Assert.All(made, e => Assert.InRange(e.Text.Length, 7, 17));
    }
}

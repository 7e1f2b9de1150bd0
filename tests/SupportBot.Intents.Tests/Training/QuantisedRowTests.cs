using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class QuantisedRowTests
{
    // Widths as served (64), a width the eight-at-a-time loop does not divide (the rest goes the plain way) and one
    // under eight (no vector step at all).
    [Theory]
    [InlineData(64)]
    [InlineData(29)]
    [InlineData(5)]
    public void AddsEachWeightTimesItsScaleTimesTheValueRoundedAsThePlainArithmeticIs(int width)
    {
        var random = new Random(width);
        for (var trial = 0; trial < 200; trial++)
        {
            var weights = new sbyte[width];
            var hidden = new float[width];
            for (var h = 0; h < width; h++)
            {
                weights[h] = (sbyte)random.Next(-127, 128);
                hidden[h] = (float)((random.NextDouble() * 4) - 2);
            }

            var (scale, value) = ((float)random.NextDouble() / 100f, (float)random.NextDouble() * 3f);
            var expected = new float[width];
            for (var h = 0; h < width; h++)
            {
                // What a served model was trained and measured with: each product rounded to a float on its own.
                var row = weights[h] * scale;
                var term = row * value;
                expected[h] = term + hidden[h];
            }

            QuantisedRow.AddTo(weights, scale, value, hidden, new float[width]);

            Assert.Equal(expected, hidden);
        }
    }

    [Fact]
    public void ARowOfAnotherWidthThanTheHiddenLayerIsRefused()
    {
        Assert.Throws<ArgumentException>(() => QuantisedRow.AddTo(new sbyte[8], 1f, 1f, new float[16], new float[16]));
    }
}

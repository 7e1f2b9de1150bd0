namespace SupportBot.Bench.Tests.Bench;

public class MemorySeriesTests
{
    [Fact]
    public void TheSlopeIsMegabytesAMinuteOverTheMeasuredWindowWithoutWarmUpOrDrain()
    {
        var series = new MemorySeries([Environment.ProcessId], TimeSpan.FromSeconds(10));
        // Warm-up: a climb of 100 MB that must not count; then 1 MB every 10 s, i.e. 6 MB a minute.
        series.Add(0, 200);
        series.Add(10, 300);
        for (var i = 0; i <= 6; i++)
        {
            series.Add(20 + (i * 10), 300 + i);
        }

        // The drain after sending stops: late replies land, and must not count either.
        series.Add(90, 400);

        Assert.Equal(6.0, series.SlopeMbPerMinute(fromSeconds: 20, toSeconds: 80)!.Value, precision: 6);
    }

    [Fact]
    public void AFlatSeriesHasNoSlopeAndTooFewSamplesHaveNone()
    {
        var series = new MemorySeries([Environment.ProcessId], TimeSpan.FromSeconds(10));
        series.Add(0, 250);
        series.Add(10, 250);
        Assert.Null(series.SlopeMbPerMinute(0));

        series.Add(20, 250);
        Assert.Equal(0.0, series.SlopeMbPerMinute(0));
    }
}

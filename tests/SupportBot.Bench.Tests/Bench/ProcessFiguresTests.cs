namespace SupportBot.Bench.Tests.Bench;

public class ProcessFiguresTests
{
    // A real /proc/PID/stat line, with a command name holding a space and a ')' to trip a naive split.
    private const string Stat =
        "4242 (dotnet) x) S 1 4242 4242 0 -1 4194560 52044 0 3 0 1234 567 0 0 20 0 23 0 1757713 3506393088 50519 "
        + "18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    private const string Status = """
        Name:	dotnet
        VmPeak:	 3424212 kB
        VmHWM:	  261480 kB
        VmRSS:	  202076 kB
        Threads:	23
        """;

    [Fact]
    public void CpuTimeIsUserPlusSystemTicksAtTenMillisecondsEach() =>
        Assert.Equal((1234 + 567) * 10.0, ProcessFigures.CpuMsFromStat(Stat));

    [Fact]
    public void AServersCpuTimeWithChildrenAddsTheTimeOfTheChildrenItWaitedFor() =>
        Assert.Equal((1234 + 567 + 40 + 2) * 10.0, ProcessFigures.CpuMsFromStat(Stat.Replace(" 1234 567 0 0 ", " 1234 567 40 2 ", StringComparison.Ordinal), includeChildren: true));

    [Fact]
    public void TheParentProcessIdIsTheFourthField() =>
        Assert.Equal(1L, ProcessFigures.StatField(Stat, 4));

    [Fact]
    public void CpuTimeOfALineWithoutACommandNameIsUnknown() =>
        Assert.Null(ProcessFigures.CpuMsFromStat("4242 S 1 4242"));

    [Fact]
    public void ResidentAndPeakMemoryAreReadInKilobytes()
    {
        Assert.Equal(202076, ProcessFigures.KbFromStatus(Status, "VmRSS"));
        Assert.Equal(261480, ProcessFigures.KbFromStatus(Status, "VmHWM"));
    }

    [Fact]
    public void AMissingStatusLineIsUnknownRatherThanAPrefixMatch() =>
        Assert.Null(ProcessFigures.KbFromStatus(Status, "VmRS"));

    [Fact]
    public void TheBenchmarkReadsItsOwnProcess()
    {
        var figures = ProcessFigures.Read(Environment.ProcessId);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(figures);
            return;
        }

        Assert.NotNull(figures);
        Assert.InRange(figures.Value.RssKb, 1, figures.Value.PeakRssKb);
    }

    [Fact]
    public void SeveralProcessesAreUnknownWhenOneOfThemIsGoneRatherThanSummedWithoutIt()
    {
        // Process ids above /proc/sys/kernel/pid_max (4,194,304 at most) never exist.
        Assert.Null(ProcessFigures.Read([Environment.ProcessId, 5_000_000]));
    }

    [Fact]
    public void SeveralProcessesCountAsOneWithTheirMemorySummed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var one = ProcessFigures.Read(Environment.ProcessId)!.Value;
        var twice = ProcessFigures.Read([Environment.ProcessId, Environment.ProcessId])!.Value;
        Assert.True(twice.PeakRssKb >= 2 * one.PeakRssKb); // the peak only rises between the reads
        Assert.True(twice.CpuMs >= 2 * one.CpuMs);
    }
}

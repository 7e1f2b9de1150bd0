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

        // Only that both are there: CI's kernel has shown a peak RSS that does not behave as a high-water mark.
        Assert.NotNull(figures);
        Assert.True(figures.Value.RssKb > 0 && figures.Value.PeakRssKb > 0, $"RSS {figures.Value.RssKb} kB, peak {figures.Value.PeakRssKb} kB");
    }

    [Fact]
    public void SeveralProcessesAreUnknownWhenOneOfThemIsGoneRatherThanSummedWithoutIt()
    {
        // Process ids above /proc/sys/kernel/pid_max (4,194,304 at most) never exist.
        Assert.Null(ProcessFigures.Read([Environment.ProcessId, 5_000_000]));
    }

    [Fact]
    public void SeveralProcessesCountAsOneWithTheirCpuAndMemorySummed()
    {
        // Summed from figures, not read twice from /proc: a kernel need not keep a process's peak RSS from falling
        // between two reads (CI's did), so only the sum itself is asserted.
        var sum = ProcessFigures.Sum([new ProcessFigures(1500, 200_000, 260_000), new ProcessFigures(700, 90_000, 120_000)]);
        Assert.Equal(new ProcessFigures(2200, 290_000, 380_000), sum);
    }

    [Fact]
    public void SeveralProcessesOneOfWhichIsUnknownSumToUnknown() =>
        Assert.Null(ProcessFigures.Sum([new ProcessFigures(1500, 200_000, 260_000), null]));

    [Fact]
    public void NoProcessesSumToUnknownRatherThanToNothing() =>
        Assert.Null(ProcessFigures.Sum([]));
}

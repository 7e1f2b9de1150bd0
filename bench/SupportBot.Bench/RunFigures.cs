namespace SupportBot.Bench;

/// <summary>
/// What one run produced: every conversation's tally, the measured time, and how busy the machine and this
/// client were (percent of all cores, over warmup and measurement), and the server's figures when it was watched.
/// </summary>
internal sealed record RunFigures(
    IReadOnlyList<TurnTally> Tallies,
    double MeasuredSeconds,
    double? MachineCpuPercent,
    double ClientCpuPercent,
    ServerSample? WindowStart = null,
    ServerSample? WindowEnd = null,
    IReadOnlyList<double>? ServerCpuMsBySecond = null);

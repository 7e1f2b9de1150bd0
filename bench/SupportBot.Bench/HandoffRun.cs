namespace SupportBot.Bench;

/// <summary>
/// What the measured part of a handoff run produced besides the two ledgers: every customer's tally, and how busy
/// the machine and this client were (percent of all cores, over warmup, measurement and drain).
/// </summary>
internal sealed record HandoffRun(IReadOnlyList<CustomerTally> Tallies, double? MachineCpuPercent, double ClientCpuPercent);

using System.Globalization;

namespace SupportBot.Bench;

/// <summary>The side-by-side figures as a table for people: one row a figure, a column a server, then the ratio.</summary>
internal static class SideBySideTable
{
    public static void Write(SideBySide figures, TextWriter output, string name = "SupportBot", string otherName = "bare")
    {
        var (sb, bare) = (figures.SupportBot, figures.Bare);
        if (bare is null)
        {
            // One server: its two reports as the directline benchmark prints them, warm first.
            output.WriteLine($"Warm: after {N(sb.Warm.WarmupSeconds)} s of warm-up");
            sb.Warm.WriteTable(output);
            output.WriteLine();
            output.WriteLine($"Cold: the first {N(sb.Cold.DurationSeconds)} s of a freshly started server");
            sb.Cold.WriteTable(output);
            output.WriteLine();
            output.WriteLine($"cold/warm turns/s {N(sb.ColdToWarm)}");
            return;
        }

        var warm = sb.Warm;
        var load = warm.Mode == "closed-loop" ? "closed loop" : $"open loop at {N(warm.TargetRate)} turns/s";
        output.WriteLine($"Direct Line turns, {warm.Conversations} conversations, {load}; {warm.Cores} cores, {warm.Cpu}, {warm.Os}, {warm.Runtime}");
        output.WriteLine($"  cold: the first {N(sb.Cold.DurationSeconds)} s of a fresh process; warm: {N(warm.DurationSeconds)} s after {N(warm.WarmupSeconds)} s of warm-up");
        output.WriteLine($"  machine busy (warm run): {name} {N(warm.MachineCpuPercent)}%, {otherName} {N(bare.Warm.MachineCpuPercent)}%");
        output.WriteLine();
        output.WriteLine($"  {"",-30}{name,12}{otherName,12}{name + "/" + otherName,26}");

        Row(output, "warm turns/s", sb, bare, r => r.Warm.TurnsPerSecond, figures.SupportBotToBare?.TurnsPerSecond);
        Row(output, "warm p50 ms", sb, bare, r => r.Warm.P50Ms, null);
        Row(output, "warm p99 ms", sb, bare, r => r.Warm.P99Ms, figures.SupportBotToBare?.P99Ms);
        Row(output, "warm late sends", sb, bare, r => r.Warm.LateSends, null);
        Row(output, "warm errors + timeouts", sb, bare, r => r.Warm.Errors + r.Warm.Timeouts, null);
        Row(output, "warm server CPU ms/turn", sb, bare, r => r.Warm.Server?.CpuMsPerTurn, figures.SupportBotToBare?.ServerCpuMsPerTurn);
        Row(output, "warm Redis calls/turn", sb, bare, r => r.Warm.Server?.RedisCallsPerTurn, figures.SupportBotToBare?.RedisCallsPerTurn);
        Row(output, "warm Redis CPU ms/turn", sb, bare, r => r.Warm.Server?.RedisCpuMsPerTurn, null);
        Row(output, "warm GC paused ms/s", sb, bare, r => r.Warm.Server?.GcPausedMsPerSecond, null);
        Row(output, "warm GC collections/s", sb, bare, r => r.Warm.Server?.GcCollectionsPerSecond, null);
        Row(output, "cold turns/s", sb, bare, r => r.Cold.TurnsPerSecond, figures.SupportBotToBare?.ColdTurnsPerSecond);
        Row(output, "cold p99 ms", sb, bare, r => r.Cold.P99Ms, null);
        Row(output, "cold server CPU ms/turn", sb, bare, r => r.Cold.Server?.CpuMsPerTurn, null);
        Row(output, "cold/warm turns/s", sb, bare, r => r.ColdToWarm, null);
        Row(output, "server RSS idle MB", sb, bare, r => r.Cold.Server?.RssAtStartMb, null);
        Row(output, "server RSS peak MB", sb, bare, r => r.Warm.Server?.PeakRssMb, null);

        var commands = (sb.Warm.Server?.RedisCallsPerTurnByCommand?.Keys ?? [])
            .Union(bare.Warm.Server?.RedisCallsPerTurnByCommand?.Keys ?? [])
            .OrderBy(c => c, StringComparer.Ordinal)
            .ToList();
        if (commands.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Redis calls per warm turn, by command (INFO commandstats: a script's own commands count too):");
            foreach (var command in commands)
            {
                Row(output, $"  {command}", sb, bare, r => r.Warm.Server?.RedisCallsPerTurnByCommand?.GetValueOrDefault(command), null);
            }
        }
    }

    private static void Row(TextWriter output, string name, ServerRuns sb, ServerRuns bare, Func<ServerRuns, double?> figure, double? ratio) =>
        output.WriteLine($"  {name,-30}{N(figure(sb)),12}{N(figure(bare)),12}{(ratio is null ? "" : N(ratio)),26}");

    /// <summary>A figure as the side-by-side tables print it: thousands grouped, else up to three decimals; "-" when missing.</summary>
    internal static string N(double? value) => value switch
    {
        null => "-",
        >= 1000 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace SupportBot.Bench;

/// <summary>
/// "pairs": the warm figures of several side-by-side runs (compare --json files, one a pair, as bench/run-directline.sh
/// --pairs N writes them) with each pair's ratios and the median of each ratio. One pair of open-loop p99s can differ
/// by two and a half times between two runs of the same build (the 30 s window holds one or two archive copies, or
/// none); the median over pairs run in alternating order is the figure to quote.
/// </summary>
internal static class PairsCommand
{
    public static Command Create()
    {
        var names = BenchOptions.Names("The two servers' labels, A then B.", "A", "B");
        var files = new Argument<string[]>("FILE")
        {
            Description = "What 'compare --json' printed for one pair (A then B, or B then A).", Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("pairs", """
            Several compare --json pairs: each pair's warm turns/s, p99 and server CPU a turn, A/B for each, and the
            median of each ratio over the pairs.
            """)
        {
            names, files,
        };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(names)!));
        return command;
    }

    private static int Run(string[] files, string[] names)
    {
        List<SideBySide> pairs;
        try
        {
            pairs = [.. files.Select(Read)];
        }
        catch (BenchSetupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        Write(pairs, Console.Out, names[0], names[1]);
        return 0;
    }

    /// <summary>The table: a row a pair, then the medians of the ratios.</summary>
    public static void Write(IReadOnlyList<SideBySide> pairs, TextWriter output, string name, string otherName)
    {
        var first = pairs[0].SupportBot.Warm;
        var load = first.Mode == "closed-loop" ? "closed loop" : $"open loop at {N(first.TargetRate)} turns/s";
        output.WriteLine($"{pairs.Count} pairs, {first.Conversations} conversations, {load}, warm runs ({N(first.DurationSeconds)} s after {N(first.WarmupSeconds)} s); ratio = {name}/{otherName}");
        output.WriteLine($"  {"pair",-6}{"started (UTC)",-15}{"turns/s",22}{"ratio",8}{"p99 ms",20}{"ratio",8}{"CPU ms/turn",22}{"ratio",8}{"GC paused ms/s",22}{"ratio",8}");
        for (var i = 0; i < pairs.Count; i++)
        {
            var (a, b) = (pairs[i].SupportBot.Warm, pairs[i].Bare?.Warm);
            var started = (b is not null && b.DateUtc < a.DateUtc ? b.DateUtc : a.DateUtc).UtcDateTime;
            output.WriteLine(
                $"  {i + 1,-6}{started.ToString("HH:mm", CultureInfo.InvariantCulture),-15}" +
                $"{Both(a.TurnsPerSecond, b?.TurnsPerSecond),22}{N(SideBySide.Ratio(a.TurnsPerSecond, b?.TurnsPerSecond)),8}" +
                $"{Both(a.P99Ms, b?.P99Ms),20}{N(SideBySide.Ratio(a.P99Ms, b?.P99Ms)),8}" +
                $"{Both(a.Server?.CpuMsPerTurn, b?.Server?.CpuMsPerTurn),22}{N(SideBySide.Ratio(a.Server?.CpuMsPerTurn, b?.Server?.CpuMsPerTurn)),8}" +
                $"{Both(a.Server?.GcPausedMsPerSecond, b?.Server?.GcPausedMsPerSecond),22}{N(SideBySide.Ratio(a.Server?.GcPausedMsPerSecond, b?.Server?.GcPausedMsPerSecond)),8}");
        }

        output.WriteLine(
            $"  {"median",-21}{N(Median(pairs, r => r.Warm.TurnsPerSecond)),30}" +
            $"{N(Median(pairs, r => r.Warm.P99Ms)),28}{N(Median(pairs, r => r.Warm.Server?.CpuMsPerTurn)),30}" +
            $"{N(Median(pairs, r => r.Warm.Server?.GcPausedMsPerSecond)),30}");
    }

    /// <summary>The median over the pairs of A/B for one figure; null when no pair has both.</summary>
    public static double? Median(IReadOnlyList<SideBySide> pairs, Func<ServerRuns, double?> figure)
    {
        var ratios = pairs
            .Select(p => p.Bare is null ? null : SideBySide.Ratio(figure(p.SupportBot), figure(p.Bare)))
            .OfType<double>()
            .Order()
            .ToList();
        return ratios.Count switch
        {
            0 => null,
            var n when n % 2 == 1 => ratios[n / 2],
            var n => Math.Round((ratios[(n / 2) - 1] + ratios[n / 2]) / 2, 3),
        };
    }

    private static SideBySide Read(string path)
    {
        try
        {
            var pair = JsonSerializer.Deserialize(File.ReadAllText(path), SideBySideJson.Default.SideBySide)
                ?? throw new BenchSetupException($"{path} holds no side-by-side figures.");
            return pair.Bare is null ? throw new BenchSetupException($"{path} holds one server's runs, not a pair.") : pair;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new BenchSetupException($"Cannot read the pair {path}: {ex.Message}", ex);
        }
    }

    private static string Both(double? a, double? b) => $"{N(a)} / {N(b)}";

    private static string N(double? value) => SideBySideTable.N(value);
}

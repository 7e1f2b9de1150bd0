using System.CommandLine;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// "columns": directline reports (--json) of the same load against different set-ups, one column each, and the last
/// column over the first (bench/run-cluster-compare.sh: one process against three or four behind nginx). Server CPU
/// is per turn in µs, summed over the processes the run watched, which makes it the cost of scale-out.
/// </summary>
internal static class RunColumns
{
    private static readonly (string Name, Func<BenchReport, double?> Figure)[] Rows =
    [
        ("turns/s", r => r.TurnsPerSecond),
        ("p50 ms", r => r.P50Ms),
        ("p90 ms", r => r.P90Ms),
        ("p99 ms", r => r.P99Ms),
        ("max ms", r => r.MaxMs),
        ("errors (HTTP + socket)", r => r.Errors),
        ("timeouts", r => r.Timeouts),
        ("late sends", r => r.LateSends),
        ("server CPU µs/turn (all procs)", r => r.Server?.CpuMsPerTurn * 1000),
        ("Redis CPU µs/turn", r => r.Server?.RedisCpuMsPerTurn * 1000),
        ("Redis calls/turn", r => r.Server?.RedisCallsPerTurn),
        ("server RSS at end MB (all)", r => r.Server?.RssAtEndMb),
        ("machine busy %", r => r.MachineCpuPercent),
        ("benchmark client %", r => r.ClientCpuPercent),
    ];

    public static Command Create()
    {
        var reports = new Argument<string[]>("LABEL=FILE")
        {
            Description = "A report written by 'directline --json' (same load, different servers) and its column's label; two or more.",
            Arity = ArgumentArity.OneOrMore,
        };
        reports.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value))
            {
                var split = token.IndexOf('=', StringComparison.Ordinal);
                if (split <= 0 || split == token.Length - 1)
                {
                    result.AddError($"'{token}' is not LABEL=FILE.");
                }
            }

            if (result.Tokens.Count == 1)
            {
                result.AddError("Two reports or more: the last column is compared with the first.");
            }
        });
        var command = new Command("columns", """
            directline --json reports side by side, one column a report, with the last column over the first
            (bench/run-cluster-compare.sh).
            """)
        {
            reports,
        };
        command.SetAction(parse => Run(parse.GetValue(reports)!));
        return command;
    }

    private static int Run(string[] arguments)
    {
        var columns = new List<(string Label, BenchReport Report)>();
        foreach (var argument in arguments)
        {
            var split = argument.IndexOf('=', StringComparison.Ordinal);
            try
            {
                columns.Add((argument[..split], SideBySide.Read(argument[(split + 1)..])));
            }
            catch (BenchSetupException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        }

        Write(columns, Console.Out);
        return 0;
    }

    public static void Write(IReadOnlyList<(string Label, BenchReport Report)> columns, TextWriter output)
    {
        var first = columns[0].Report;
        var load = first.Mode == "closed-loop" ? "closed loop" : $"open loop at {N(first.TargetRate)} turns/s";
        output.WriteLine($"Direct Line turns, {first.Conversations} conversations, {load}; {first.Cores} cores, {first.Cpu}, {first.Os}, {first.Runtime}");
        output.WriteLine($"  {first.DateUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)}; measured {N(first.DurationSeconds)} s after {N(first.WarmupSeconds)} s of warm-up, each column on a fresh Redis and fresh processes");
        output.WriteLine();
        var ratio = $"{columns[^1].Label} / {columns[0].Label}";
        var ratioWidth = Math.Max(20, ratio.Length + 3);
        output.WriteLine($"  {"",-32}{string.Concat(columns.Select(c => $"{c.Label,16}"))}{ratio.PadLeft(ratioWidth)}");
        foreach (var (name, figure) in Rows)
        {
            var cells = string.Concat(columns.Select(c => $"{N(figure(c.Report)),16}"));
            output.WriteLine($"  {name,-32}{cells}{N(SideBySide.Ratio(figure(columns[^1].Report), figure(first))).PadLeft(ratioWidth)}");
        }
    }

    private static string N(double? value) => value switch
    {
        null => "-",
        >= 1000 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.##", CultureInfo.InvariantCulture),
    };
}

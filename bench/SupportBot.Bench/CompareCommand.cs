namespace SupportBot.Bench;

/// <summary>
/// "compare": puts the --json reports of a cold and a warm run, SupportBot's and optionally the bare turn's, side
/// by side (bench/run-directline.sh runs it last). Exit codes as for the benchmarks: 1 a report is unreadable, 2 bad arguments.
/// </summary>
internal static class CompareCommand
{
    public const string Usage = """
        Usage: SupportBot.Bench compare --cold FILE --warm FILE [--bare-cold FILE --bare-warm FILE] [--names A,B] [--json]
          Reads reports written by 'directline --json' and prints the cold and warm figures side by side, with the
          ratios SupportBot/bare when the bare server's reports are given; --json prints them as one JSON object.
          --names labels the two columns (default "SupportBot,bare") when the second server is not the bare turn.
        """;

    private sealed record Files(string? Cold = null, string? Warm = null, string? BareCold = null, string? BareWarm = null, string? Names = null, bool Json = false);

    public static int Run(string[] options)
    {
        var files = BenchOptions.Parse(
            options,
            new Files(),
            ["--cold", "--warm", "--bare-cold", "--bare-warm", "--names"],
            f => f with { Json = true },
            (f, name, value) => name switch
            {
                "--cold" => f with { Cold = value },
                "--warm" => f with { Warm = value },
                "--bare-cold" => f with { BareCold = value },
                "--bare-warm" => f with { BareWarm = value },
                "--names" => f with { Names = value },
                _ => null,
            });
        var names = (files?.Names ?? "SupportBot,bare").Split(',', StringSplitOptions.TrimEntries);
        if (files is not { Cold: { } cold, Warm: { } warm } || (files.BareCold is null) != (files.BareWarm is null) || names.Length != 2)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        SideBySide figures;
        try
        {
            var bare = files.BareCold is { } bareCold && files.BareWarm is { } bareWarm
                ? new ServerRuns(SideBySide.Read(bareCold), SideBySide.Read(bareWarm))
                : null;
            figures = SideBySide.Create(new ServerRuns(SideBySide.Read(cold), SideBySide.Read(warm)), bare);
        }
        catch (BenchSetupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        SideBySideTable.Write(figures, files.Json ? Console.Error : Console.Out, names[0], names[1]);
        if (files.Json)
        {
            Console.Out.WriteLine(figures.ToJson());
        }

        return 0;
    }
}

using System.CommandLine;

namespace SupportBot.Bench;

/// <summary>
/// "compare": puts the --json reports of a cold and a warm run, SupportBot's and optionally the bare turn's, side
/// by side (bench/run-directline.sh runs it last). Exit codes as for the benchmarks: 1 a report is unreadable, 2 bad arguments.
/// </summary>
internal static class CompareCommand
{
    private sealed record Files(string Cold, string Warm, string? BareCold, string? BareWarm, string[] Names, bool Json);

    public static Command Create()
    {
        var cold = BenchOptions.Text("--cold", "SupportBot's cold run ('directline --json').", "FILE", required: true);
        var warm = BenchOptions.Text("--warm", "SupportBot's warm run.", "FILE", required: true);
        var bareCold = BenchOptions.Text("--bare-cold", "The other server's cold run (the bare turn's, unless --names says otherwise).", "FILE");
        var bareWarm = BenchOptions.Text("--bare-warm", "The other server's warm run.", "FILE");
        var names = BenchOptions.Names("The two columns' labels when the second server is not the bare turn.", "SupportBot", "bare");
        var json = BenchOptions.Json();
        var command = new Command("compare", """
            Reads reports written by 'directline --json' and prints the cold and warm figures side by side, with the
            ratios SupportBot/bare when the bare server's reports are given (bench/run-directline.sh runs it last).
            """)
        {
            cold, warm, bareCold, bareWarm, names, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(bareCold) is null) != (result.GetValue(bareWarm) is null))
            {
                result.AddError("--bare-cold and --bare-warm go together.");
            }
        });
        command.SetAction(parse => Run(new Files(
            parse.GetValue(cold)!, parse.GetValue(warm)!, parse.GetValue(bareCold), parse.GetValue(bareWarm), parse.GetValue(names)!, parse.GetValue(json))));
        return command;
    }

    private static int Run(Files files)
    {
        var (cold, warm, names) = (files.Cold, files.Warm, files.Names);
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

using System.CommandLine;
using SupportBot.Intents;
using SupportBot.Retraining;

namespace SupportBot.Cli.Commands;

/// <summary><c>dataset build</c>: the shipped training data plus labelled transcripts, deduplicated, conflicts set aside.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var baseFiles = CliOptions.Files("--base", "The shipped training data (JSONL), one or more files.", required: true);
        var transcripts = CliOptions.Files("--transcripts", "Exports from `transcripts export`, one or more files.", required: true);
        var output = CliOptions.Text("--out", "Where to write the merged examples.", "file.jsonl", required: true);
        var conflicts = CliOptions.Text("--conflicts", "Where to write the conflicts (same text, different labels).", "file.jsonl");
        var build = new Command("build", """
            Shipped data + labelled transcripts: duplicates dropped, new utterances per intent and language, conflicts
            (same text, different labels) listed and left out.
            """)
        {
            baseFiles, transcripts, output, conflicts,
        };
        build.SetAction(parse => Build(parse.GetRequiredValue(baseFiles), parse.GetRequiredValue(transcripts), parse.GetRequiredValue(output), parse.GetValue(conflicts)));
        return new Command("dataset", "Training datasets built from labelled transcripts.") { build };
    }

    private static int Build(string[] baseFiles, string[] transcripts, string output, string? conflictsFile)
    {
        var progress = new ConsoleProgress("dataset");
        var shipped = TrainingData.Load(baseFiles);
        progress.Report($"read {shipped.Count} shipped examples");
        var build = DatasetBuilder.Build(shipped, transcripts);
        progress.Report($"merged: {build.Examples.Count} examples");

        DatasetFiles.WriteExamples(output, build.Examples);
        if (conflictsFile is not null)
        {
            DatasetFiles.WriteConflicts(conflictsFile, build.Conflicts);
        }

        Console.WriteLine($"{build.Examples.Count} examples → {output}: {build.Added.Count} new from transcripts, {build.Duplicates} duplicate(s) dropped, {build.Unlabelled} unlabelled line(s) skipped");
        if (build.Added.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"{"new utterances",-26} {"en",4} {"th",4} {"ru",4} {"ar",4} {"?",4}");
            foreach (var intent in build.Added.GroupBy(e => e.Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int Count(string? language) => intent.Count(e => e.Language == language);
                Console.WriteLine($"{intent.Key,-26} {Count("en"),4} {Count("th"),4} {Count("ru"),4} {Count("ar"),4} {intent.Count(e => e.Language is not ("en" or "th" or "ru" or "ar")),4}");
            }
        }

        if (build.Conflicts.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"{build.Conflicts.Count} conflict(s): the same text with different labels, left out for a person to settle" +
                (conflictsFile is { } f ? $" (also in {f})" : " (--conflicts <file> writes them out)") + ":");
            foreach (var conflict in build.Conflicts.Take(30))
            {
                Console.WriteLine($"  \"{conflict.Text}\": {string.Join(" / ", conflict.Labels.Select(l => $"{l.Intent} ({l.Source})"))}");
            }
        }

        return 0;
    }
}

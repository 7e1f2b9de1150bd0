using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using SupportBot.Insights.Figures;

namespace SupportBot.Cli.Commands;

/// <summary><c>insights</c>: the summary GET /api/insights/summary answers, from the archive, as a table or as JSON.</summary>
internal static class InsightsCommand
{
    public static Command Create()
    {
        var from = CliOptions.Text("--from", "First day (ISO date, UTC).", "yyyy-MM-dd", required: true);
        var to = CliOptions.Text("--to", "Last day, included (ISO date, UTC).", "yyyy-MM-dd", required: true);
        var language = CliOptions.Text("--lang", "Only conversations in this language (en, th, ru, ar).", "xx");
        var channel = CliOptions.Text("--channel", "Only conversations on this channel (directline, msteams, ...).", "channel");
        var json = CliOptions.Flag("--json", "Print the summary as the API's JSON object instead of a table.");
        var archive = CliOptions.Archive(required: false);
        var config = CliArchive.Config();
        var command = new Command("insights", "The desk's figures for a date range from the conversation archive (docs/insights.md defines them).")
        {
            from, to, language, channel, json, archive, config,
        };
        command.SetAction(parse =>
        {
            var range = InsightsRange.TryParse(parse.GetValue(from), parse.GetValue(to), parse.GetValue(language), parse.GetValue(channel), out var problem)
                ?? throw new UsageException(problem!.Replace("\"from\"", "--from", StringComparison.Ordinal).Replace("\"to\"", "--to", StringComparison.Ordinal));
            var figures = new InsightsFigures(CliArchive.Open(parse.GetValue(archive), parse.GetRequiredValue(config)), TimeProvider.System);
            InsightsSummary summary;
            try
            {
                summary = figures.SummaryAsync(range).GetAwaiter().GetResult();
            }
            catch (DbException e)
            {
                throw new InvalidOperationException($"The archive could not answer: {e.Message}", e);
            }

            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(summary, InsightsJson.Options) : Table(summary));
            return 0;
        });
        return command;
    }

    private static string Table(InsightsSummary s)
    {
        var rows = new List<(string, string)>
        {
            ("Conversations", N(s.Conversations)),
            ("Engaged (the customer wrote)", N(s.Engaged)),
            ("Contained by the bot", $"{N(s.Contained)}  {P(s.ContainmentRate)} of engaged"),
            ("  naive containment", $"{N(s.NaiveContained)}  {P(s.NaiveContainmentRate)} (never handed off)"),
            ("  left badly / came back in 72 h", $"{N(s.NotContained.Abandoned)} / {N(s.NotContained.CameBack)}"),
            ("Escalated to a person", $"{N(s.Escalated)}  {P(s.EscalationRate)} of engaged"),
        };
        rows.AddRange(s.EscalationsByReason.Select(r => ($"  {r.Key}", N(r.Value))));
        rows.AddRange(
        [
            ("Queue abandonment", $"{N(s.Handoffs.Abandoned)} left, {N(s.Handoffs.TimedOut)} timed out  {P(s.Handoffs.QueueAbandonmentRate)}"),
            ("Time to pickup p50 / p90", Pair(s.PickupSeconds)),
            ("Agent first response p50 / p90", Pair(s.FirstResponseSeconds)),
            ("Bot first response p50 / p90", Pair(s.BotFirstResponseSeconds)),
            ("Handle time p50 / p90 / mean", $"{Seconds(s.HandleSeconds.P50)} / {Seconds(s.HandleSeconds.P90)} / {Seconds(s.HandleSeconds.Mean)}"),
            ("Resolved by agents", $"{N(s.Handoffs.Resolved)}  {P(s.ResolutionRate)} of ended hand-offs"),
            ("Tickets opened / still open", $"{N(s.Tickets.Opened)} / {N(s.Tickets.Open)}"),
            ("CSAT (4-5) / mean / answered", $"{P(s.Csat.SatisfiedRate)} / {s.Csat.Mean?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"} / {P(s.Csat.ResponseRate)} ({N(s.Csat.Responses)})"),
            ("NPS", $"{s.Nps.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"}  ({N(s.Nps.Responses)} answers)"),
        ]);
        var width = rows.Max(r => r.Item1.Length) + 2;
        var filters = $"{s.Language ?? "all languages"}, {s.Channel ?? "all channels"}";
        return $"Insights {s.From} to {s.To} ({filters})\n" + string.Join('\n', rows.Select(r => r.Item1.PadRight(width) + r.Item2));
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double? rate) => rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " s" : "-";

    private static string Pair(Percentiles p) => $"{Seconds(p.P50)} / {Seconds(p.P90)}";
}

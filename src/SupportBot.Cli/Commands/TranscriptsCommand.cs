using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;
using SupportBot.Insights.Archive;
using SupportBot.Orders;
using SupportBot.Redis;
using SupportBot.Retraining;

namespace SupportBot.Cli.Commands;

/// <summary><c>transcripts export</c>: customer utterances of a time window, with predictions and true labels, PII redacted.</summary>
internal static class TranscriptsCommand
{
    public static Command Create()
    {
        var since = CliOptions.Date("--since", "Start of the window (2026-11-01, 2026-11-01T09:00Z; UTC unless it says).", required: true);
        var until = CliOptions.Date("--until", "End of the window (default now).");
        var output = CliOptions.Text("--out", "Where to write the export.", "file.jsonl", required: true);
        var redis = CliOptions.Redis();
        var prefix = CliOptions.Prefix();
        var noRedact = CliOptions.Flag("--no-redact", "Keep emails, phones, cards, order numbers and real conversation ids in the file.");
        var salt = CliOptions.Text("--salt", "Salt of the conversation id hashes.", "S", "supportbot-export");
        var orderPattern = CliOptions.Text("--order-pattern", "Order numbers to redact (Orders:NumberPattern).", "REGEX");
        var archive = CliOptions.Archive(required: false);
        var lookBack = CliOptions.Int("--look-back", "Days before --since a conversation may have started (default: the conversation TTL).", 0, 0);
        var export = new Command("export", """
            One line per customer utterance with the prediction and, where known, the true label and its source
            (agent, choice, helped). Emails, phones, cards (Luhn), order numbers are redacted and conversation ids
            hashed unless --no-redact, which keeps them in the file.
            """)
        {
            since, until, output, redis, prefix, noRedact, salt, orderPattern, lookBack, archive,
        };
        export.SetAction(parse =>
        {
            var from = parse.GetValue(since)!.Value;
            var to = parse.GetValue(until) ?? DateTimeOffset.UtcNow;
            if (to <= from)
            {
                throw new UsageException("--until must be after --since.");
            }

            var days = parse.GetValue(lookBack);
            var archived = parse.GetValue(archive) is { } named ? CliOptions.OpenArchive(named) : null;
            var window = new Window(from, to, days > 0 ? TimeSpan.FromDays(days) : new ConversationOptions().Ttl);
            var redactor = Redactor(parse.GetValue(noRedact), parse.GetValue(orderPattern));
            using var connection = CliOptions.Connect(parse.GetRequiredValue(redis));
            return Export(connection, new RedisKeys(parse.GetRequiredValue(prefix)), archived, window, parse.GetRequiredValue(output), redactor, parse.GetRequiredValue(salt));
        });
        return new Command("transcripts", "Customer utterances exported from the conversation log (and the archive, with --archive) for retraining.") { export };
    }

    private sealed record Window(DateTimeOffset Since, DateTimeOffset Until, TimeSpan LookBack);

    private static PiiRedactor? Redactor(bool noRedact, string? orderPattern)
    {
        if (noRedact)
        {
            Console.Error.WriteLine("warning: --no-redact keeps customers' emails, phone numbers, card numbers, order numbers and the real conversation ids in the file. Keep it off shared drives.");
            return null;
        }

        var orders = new OrderOptions();
        if (orderPattern is not null)
        {
            orders.NumberPattern = orderPattern;
        }

        return new PiiRedactor(Options.Create(orders));
    }

    private static int Export(ConnectionMultiplexer redis, RedisKeys keys, IConversationArchive? archive, Window window, string output, PiiRedactor? redactor, string salt)
    {
        var (since, until) = (window.Since, window.Until);
        var redact = redactor is not null;
        using var log = new RedisConversationLog(redis, keys, Options.Create(new ConversationOptions()), TimeProvider.System, NullLogger<RedisConversationLog>.Instance);
        var handoffs = new RedisHandoffStore(redis, keys, Options.Create(new HandoffOptions()));
        // With the archive, months are exportable: conversations Redis has let expire are read from it.
        var exporter = new TranscriptExporter(log, handoffs, redactor, salt, archive);

        var summary = exporter.ExportToFileAsync(since, until, window.LookBack, output, new ConsoleProgress("conversations"), CancellationToken.None)
            .GetAwaiter().GetResult();
        if (summary.Utterances == 0)
        {
            Console.Error.WriteLine($"error: no customer messages between {since:u} and {until:u} ({summary.Conversations} conversation(s) looked at); nothing written.");
            return 1;
        }

        var labelled = summary.LabelsBySource.Values.Sum();
        Console.WriteLine($"{summary.Utterances} utterance(s) from {summary.Conversations} conversation(s) → {output}" + (redact ? " (PII redacted, ids hashed)" : " (NOT redacted)"));
        Console.WriteLine($"labelled {labelled}: " + (labelled == 0 ? "none" : string.Join(", ", summary.LabelsBySource.OrderBy(p => p.Key).Select(p => $"{p.Value} by {p.Key}"))));
        if (summary.UnreadableActivities > 0)
        {
            Console.WriteLine($"skipped {summary.UnreadableActivities} unreadable log entr{(summary.UnreadableActivities == 1 ? "y" : "ies")}");
        }

        return 0;
    }
}

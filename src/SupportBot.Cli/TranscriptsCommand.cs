using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.Orders;
using SupportBot.Redis;
using SupportBot.Transcripts;

namespace SupportBot.Cli;

/// <summary><c>transcripts export</c>: customer utterances of a time window, with predictions and true labels, PII redacted.</summary>
internal static class TranscriptsCommand
{
    private static readonly JsonSerializerOptions LineJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args)
    {
        if (args is not ["export", .. var rest])
        {
            throw new UsageException("transcripts needs: export --since <date> --until <date> --out <file.jsonl> --redis <host:port>.");
        }

        var a = Arguments.Parse(rest, new HashSet<string> { "no-redact" });
        var since = Date(a.Required("since"), "since");
        var until = a.Optional("until") is { } u ? Date(u, "until") : DateTimeOffset.UtcNow;
        if (until <= since)
        {
            throw new UsageException("--until must be after --since.");
        }

        var output = a.Required("out");
        var redact = !a.Flag("no-redact");
        if (!redact)
        {
            Console.Error.WriteLine("warning: --no-redact keeps customers' emails, phone numbers, card numbers, order numbers and the real conversation ids in the file. Keep it off shared drives.");
        }

        var orders = new OrderOptions();
        if (a.Optional("order-pattern") is { } pattern)
        {
            orders.NumberPattern = pattern;
        }

        using var redis = Connect(a.Required("redis"));
        var keys = new RedisKeys(a.Optional("prefix") ?? "sb:");
        var lookBack = a.Optional("look-back") is { } days ? TimeSpan.FromDays(a.Int("look-back", 7)) : new ConversationOptions().Ttl;
        using var log = new RedisConversationLog(redis, keys, Options.Create(new ConversationOptions()), TimeProvider.System, NullLogger<RedisConversationLog>.Instance);
        var handoffs = new RedisHandoffStore(redis, keys, Options.Create(new HandoffOptions()));
        var exporter = new TranscriptExporter(log, handoffs, redact ? new PiiRedactor(Options.Create(orders)) : null, a.Optional("salt") ?? "supportbot-export");

        // Written to a temporary file and renamed at the end: an interrupted or empty export leaves no file behind.
        var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        ExportSummary summary;
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                var progress = new ConsoleProgress("conversations");
                summary = exporter.ExportAsync(since, until, lookBack, line => writer.WriteLine(JsonSerializer.Serialize(line, LineJson)), progress, CancellationToken.None)
                    .GetAwaiter().GetResult();
            }

            if (summary.Utterances == 0)
            {
                File.Delete(temporary);
                Console.Error.WriteLine($"error: no customer messages between {since:u} and {until:u} ({summary.Conversations} conversation(s) looked at); nothing written.");
                return 1;
            }

            File.Move(temporary, output, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
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

    private static DateTimeOffset Date(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new UsageException($"--{name} is a date or time (2026-11-01, 2026-11-01T09:00Z), not '{text}'.");

    internal static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.ConnectTimeout = 3000;
        try
        {
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException($"Redis at {configuration} is not reachable: {e.Message}", e);
        }
    }
}

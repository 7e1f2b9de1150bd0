using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SupportBot.Insights.Archive;
using SupportBot.Insights.Figures;

namespace SupportBot.Bench;

/// <summary>
/// <c>insights</c>: seeds N conversations (a desk's mix: answered, misunderstood, handed off, abandoned, rated, back
/// within 72 h) into a fresh SQLite archive and, with --postgres, a PostgreSQL one, then times what the /insights/
/// page loads for a 30-day range: the summary, the previous period's summary, the daily series and the three tables.
/// </summary>
internal static class InsightsLoad
{
    private static readonly string[] Languages = ["en", "th", "ru", "ar"];
    private static readonly string[] Intents = ["order_status", "refund_status", "return_policy", "payment_failed", "shipping_options", "cancel_order"];
    private static readonly string[] Reasons = ["customer_request", "misunderstood", "angry_phrase", "always_human", "low_confidence"];

    private sealed record Settings(int Conversations, int Days, int Repeat, string? Sqlite, string? Postgres, bool Seeded, string? Language);

    public static Command Create()
    {
        var conversations = BenchOptions.Int("--conversations", "Conversations to seed into each store.", 100_000, 1, 10_000_000);
        var days = BenchOptions.Int("--days", "Spread over this many days ending today.", 30, 1, 3_650);
        var repeat = BenchOptions.Int("--repeat", "Timed loads after one cold load (0: the cold load only).", 5, 0, 1_000);
        var sqlite = BenchOptions.Text("--sqlite", "The SQLite file to create (default: a new temporary file, deleted afterwards).", "FILE");
        var postgres = BenchOptions.Text("--postgres", "Also seed and time PostgreSQL (an empty database: its tables are created).", "CONN");
        var seeded = BenchOptions.Flag("--seeded", """
            The stores hold an earlier run's seed (--sqlite FILE, the same --postgres): time them as they are, after
            migrating them (an older schema's upgrade is timed).
            """);
        var language = BenchOptions.Value("--lang", "The page filtered to one language (a quarter of the seed each).", "en|th|ru|ar", (string?)null,
            (string text, out string? value) => Languages.Contains(value = text), "one of en, th, ru, ar");
        var command = new Command("insights", """
            The /insights/ page's queries over a seeded archive. Each load prints its wall time and the store's CPU
            time: this process's for SQLite (the database runs in it), the PostgreSQL server's processes' for
            PostgreSQL (when it runs on this machine).
            """)
        {
            conversations, days, repeat, sqlite, postgres, seeded, language,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(seeded) && result.GetValue(sqlite) is null)
            {
                result.AddError("--seeded times an earlier run's stores: name its SQLite file with --sqlite.");
            }
        });
        command.SetAction((parse, _) => RunAsync(new Settings(
            parse.GetValue(conversations), parse.GetValue(days), parse.GetValue(repeat), parse.GetValue(sqlite), parse.GetValue(postgres), parse.GetValue(seeded),
            parse.GetValue(language))));
        return command;
    }

    private static async Task<int> RunAsync(Settings settings)
    {
        var (count, days, repeat, language) = (settings.Conversations, settings.Days, settings.Repeat, settings.Language);
        var file = settings.Sqlite ?? Path.Combine(Path.GetTempPath(), $"supportbot-bench-archive-{Guid.NewGuid():N}.db");

        var stores = new List<(string Name, IConversationArchive Archive)> { ("sqlite", new SqliteConversationArchive(file, TimeProvider.System)) };
        if (settings.Postgres is { } postgres)
        {
            stores.Add(("postgres", new PostgresConversationArchive(postgres, TimeProvider.System)));
        }

        try
        {
            foreach (var (name, archive) in stores)
            {
                var migrating = Stopwatch.StartNew();
                await archive.MigrateAsync();
                Console.WriteLine($"{name}: schema created or migrated in {migrating.Elapsed.TotalSeconds:0.0} s");
                if (!settings.Seeded)
                {
                    var seeding = Stopwatch.StartNew();
                    await SeedAsync(archive, count, days, name == "postgres" ? 8 : 1);
                    Console.WriteLine($"{name}: seeded {count:N0} conversations in {seeding.Elapsed.TotalSeconds:0.0} s");
                    if (name == "postgres")
                    {
                        await VacuumAnalyzeAsync(archive);
                    }
                }

                var cpu = name == "postgres" ? await StoreCpu.OfPostgresAsync(archive) : StoreCpu.OfThisProcess();
                await TimeAsync(name, new InsightsFigures(archive, TimeProvider.System), days, repeat, language, cpu);
            }
        }
        finally
        {
            if (settings.Sqlite is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var path in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
                {
                    File.Delete(path);
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// What autovacuum does within a minute or so of a bulk load, done before the timing so that the figures do not
    /// depend on whether its pass has come (at 22:00 on 2026-12-06 it came 15 s after the page's loads were timed).
    /// </summary>
    private static async Task VacuumAnalyzeAsync(IConversationArchive archive)
    {
        var analyzing = Stopwatch.StartNew();
        await using var connection = await archive.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM ANALYZE";
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        Console.WriteLine($"postgres: VACUUM ANALYZE in {analyzing.Elapsed.TotalSeconds:0.0} s (autovacuum's pass after a bulk load)");
    }

    // What the page asks for on every load, in parallel as the page does.
    private static async Task TimeAsync(string store, InsightsFigures figures, int days, int repeat, string? language, StoreCpu cpu)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = new InsightsRange(today.AddDays(-29), today, language);
        var loads = new List<(double Ms, double? CpuMs)>();
        for (var run = 0; run <= repeat; run++)
        {
            var cpuBefore = cpu.Read();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(figures.SummaryAsync(range), figures.SummaryAsync(range.Previous), figures.DailyAsync(range),
                figures.IntentsAsync(range), figures.AgentsAsync(range), figures.LanguagesAsync(range));
            loads.Add((clock.Elapsed.TotalMilliseconds, cpu.Read() - cpuBefore));
        }

        // Then each part alone, to show where a load's time goes.
        var parts = new List<(string Name, (double, double?) Load)>();
        foreach (var (name, part) in new (string, Func<Task>)[]
        {
            ("summary", () => figures.SummaryAsync(range)), ("daily", () => figures.DailyAsync(range)), ("intents", () => figures.IntentsAsync(range)),
            ("agents", () => figures.AgentsAsync(range)), ("languages", () => figures.LanguagesAsync(range)),
        })
        {
            var cpuBefore = cpu.Read();
            var clock = Stopwatch.StartNew();
            await part();
            parts.Add((name, (clock.Elapsed.TotalMilliseconds, cpu.Read() - cpuBefore)));
        }

        static string Load((double Ms, double? CpuMs) load) => $"{load.Ms:0} ms (CPU {(load.CpuMs is { } c ? $"{c:0} ms" : "n/a")})";
        var warm = loads.Skip(1).OrderBy(l => l.Ms).ToList();
        var summary = await figures.SummaryAsync(range);
        var warmText = warm.Count == 0 ? "" : $", warm median {Load(warm[warm.Count / 2])}, worst {Load(warm[^1])} over {repeat} loads";
        Console.WriteLine($"{store}: page load (6 queries{(language is null ? "" : $", lang={language}")}) cold {Load(loads[0])}{warmText}; "
            + $"30 days hold {summary.Conversations:N0} conversations ({days}-day seed)");
        Console.WriteLine($"{store}: every warm load: {string.Join(", ", loads.Skip(1).Select(Load))}");
        Console.WriteLine($"{store}: each part alone: {string.Join(", ", parts.Select(p => $"{p.Name} {Load(p.Load)}"))}");

        // Every figure the page shows, as one digest: equal digests on two builds or stores are equal figures.
        var shown = JsonSerializer.Serialize(new object[] { summary, await figures.SummaryAsync(range.Previous), await figures.DailyAsync(range),
            await figures.IntentsAsync(range), await figures.AgentsAsync(range), await figures.LanguagesAsync(range) }, InsightsJson.Options);
        Console.WriteLine($"{store}: figures digest {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(shown)))[..16]} "
            + $"(contained {summary.Contained:N0}, came back {summary.NotContained.CameBack:N0}, intents {string.Join(" ", (await figures.IntentsAsync(range)).Select(i => $"{i.Intent}={i.Messages}/{i.Misunderstood}"))})");
    }

    // A thousand conversations a transaction: one commit per conversation (what the worker does) made seeding 100,000
    // take ten minutes on SQLite. PostgreSQL takes batches on several connections at once; SQLite has one writer.
    private const int SeedBatch = 1000;

    private static async Task SeedAsync(IConversationArchive archive, int count, int days, int writers)
    {
        var bulk = (SqlConversationArchive)archive;
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(1 - days), TimeSpan.Zero);
        var next = -SeedBatch;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var first = Interlocked.Add(ref next, SeedBatch); first < count; first = Interlocked.Add(ref next, SeedBatch))
            {
                await bulk.WriteNewAsync([.. Enumerable.Range(first, Math.Min(SeedBatch, count - first))
                    .Select(i => Conversation(i, start.AddSeconds((long)i * days * 86_400 / count)))]);
            }
        })));
        if (writers > 1)
        {
            await bulk.RecountComebacksAsync(); // batches written at once may each have missed the other's comeback
        }
    }

    // One conversation of a desk's mix, the same for the same index on every run and store.
    private static ConversationSnapshot Conversation(int i, DateTimeOffset at)
    {
        var random = new Random(i);
        var id = $"bench-{i:D7}";
        var intent = Intents[random.Next(Intents.Length)];
        var activities = new List<ArchivedActivity>();
        void Add(string role, string text, string? classified = null, bool ambiguous = false)
        {
            var seq = activities.Count + 1;
            activities.Add(new ArchivedActivity(seq, $"{id}|{seq:D7}", at.AddSeconds(seq * 3), role, role, null, "message", null, text,
                classified, classified is null ? null : 0.8, classified is null ? null : ambiguous, null, null, "{}"u8.ToArray()));
        }

        var kind = random.Next(100);
        Add(ArchiveRoles.Bot, "Welcome");
        Add(ArchiveRoles.Customer, "customer message", kind < 8 ? "out_of_scope" : intent, ambiguous: kind is >= 8 and < 14);
        Add(ArchiveRoles.Bot, "answer");
        var handoffs = new List<ArchivedHandoff>();
        var surveys = new List<ArchivedSurvey>();
        if (kind >= 80)
        {
            var agent = $"agent-{random.Next(20):D2}";
            var outcome = kind < 84 ? HandoffOutcomes.Abandoned : kind < 87 ? HandoffOutcomes.Returned : HandoffOutcomes.Closed;
            var requested = at.AddSeconds(20);
            var picked = outcome == HandoffOutcomes.Abandoned ? (DateTimeOffset?)null : requested.AddSeconds(random.Next(5, 600));
            handoffs.Add(new ArchivedHandoff(4, Reasons[random.Next(Reasons.Length)], intent, null, "general", requested, picked,
                picked is null ? null : agent, picked is null ? null : agent, picked is null ? null : agent, 0,
                picked?.AddSeconds(random.Next(3, 120)), (picked ?? requested).AddSeconds(random.Next(60, 1800)), outcome,
                outcome == HandoffOutcomes.Closed ? intent : null, []));
            Add(ArchiveRoles.Agent, "agent reply");
            if (outcome == HandoffOutcomes.Closed && random.Next(10) < 6)
            {
                surveys.Add(new ArchivedSurvey(9, 4, agent, at.AddMinutes(30), random.Next(1, 6), random.Next(3) == 0 ? null : random.Next(0, 11), null));
            }
        }

        var customer = $"customer-{(random.Next(20) == 0 ? i - 1 : i)}"; // one in twenty comes back
        var conversation = new ArchivedConversation(id, random.Next(5) == 0 ? "msteams" : "directline", Languages[random.Next(Languages.Length)],
            customer, null, at, activities[^1].Timestamp, null, 1, activities.Count(a => a.Role == ArchiveRoles.Bot), handoffs.Count,
            "customer message", activities[1].Timestamp, activities[1].Intent, false, kind < 14, handoffs.Count, activities.Count);
        var feedback = kind is >= 14 and < 40 ? [new ArchivedFeedback(8, at.AddMinutes(1), intent, random.Next(4) != 0, null)] : new List<ArchivedFeedback>();
        return new ConversationSnapshot(conversation, activities, [], handoffs, surveys, feedback);
    }
}

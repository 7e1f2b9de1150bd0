using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Insights.Archive;
using SupportBot.Insights.Figures;
using SupportBot.Tests.Insights.Archive;

namespace SupportBot.Tests.Insights.Figures;

/// <summary>
/// What SQLite plans for the statements the summary and the per-intent table run (EXPLAIN QUERY PLAN of each, as
/// traced): over 100,000 conversations a full scan, a lookup in activities or in other conversations for every
/// conversation of the range, or reading every activity row of the range, is what made the page slow.
/// </summary>
public sealed partial class InsightsQueryPlanTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly InsightsRange Day = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2));

    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-plan-").FullName;
    private readonly FakeTimeProvider _clock = new(Nine.AddDays(3));
    private readonly SqliteConversationArchive _archive;

    public InsightsQueryPlanTests() => _archive = new SqliteConversationArchive(Path.Combine(_directory, "archive.db"), _clock);

    public async ValueTask InitializeAsync()
    {
        await _archive.MigrateAsync();
        await ArchiveSeed.Conversation("one", "a", Nine).Customer("hi").Bot().SaveAsync(_archive);
        await ArchiveSeed.Conversation("two", "a", Nine.AddHours(1), "ar", "msteams").Customer("refund?", "refund_status").Bot()
            .Handoff("customer_request", HandoffOutcomes.Closed, pickup: 30, firstReply: 40, end: 300, agent: "anna").Survey(5, 10).SaveAsync(_archive);
    }

    [Fact]
    public async Task TheSummaryReadsTheBotsFirstResponseWithoutTouchingActivities()
    {
        var statements = await SummaryStatementsAsync(Day);

        Assert.NotEmpty(statements);
        Assert.DoesNotContain(statements, s => s.Contains("activities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoStatementOfTheSummaryScansConversationsWhateverTheFilter()
    {
        foreach (var range in (InsightsRange[])[Day, Day with { Language = "ar" }, Day with { Channel = "msteams" }])
        {
            foreach (var statement in await SummaryStatementsAsync(range))
            {
                var aliases = ConversationAliases().Matches(statement).Select(m => m.Groups[1].Value).Append("conversations").ToHashSet();
                var scans = (await PlanAsync(statement)).Where(line => line.StartsWith("SCAN ", StringComparison.Ordinal) && aliases.Contains(line.Split(' ')[1]));
                Assert.True(!scans.Any(), $"{string.Join("; ", scans)} in the plan of: {statement}");
            }
        }
    }

    [Fact]
    public async Task TheLanguageAndChannelFiltersSearchTheirOwnIndexes()
    {
        Assert.Contains(await SummaryPlanAsync(Day with { Language = "ar" }), line => line.Contains("USING INDEX ix_conversations_language (language=? AND started_at_ms>? AND started_at_ms<?)", StringComparison.Ordinal));
        Assert.Contains(await SummaryPlanAsync(Day with { Channel = "msteams" }), line => line.Contains("USING INDEX ix_conversations_channel (channel=? AND started_at_ms>? AND started_at_ms<?)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSummaryLooksUpNoLaterConversationForTheComeback()
    {
        var plan = await SummaryPlanAsync(Day);

        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, line => line.Contains("ix_conversations_comeback", StringComparison.Ordinal) || line.StartsWith("SEARCH n ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePerIntentTableReadsCustomerMessagesFromTheirCoveringIndexOnly()
    {
        var statements = (await StatementsAsync(f => f.IntentsAsync(Day))).Where(s => s.Contains("activities", StringComparison.Ordinal)).ToList();
        var plan = new List<string>();
        foreach (var statement in statements)
        {
            plan.AddRange(await PlanAsync(statement));
        }

        Assert.Single(statements); // one pass over the messages for both their counts and the misunderstood column
        Assert.Contains(plan, line => line.StartsWith("SEARCH a USING COVERING INDEX ix_activities_customer_messages (conversation_id=?)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.StartsWith("SEARCH p USING COVERING INDEX ix_activities_customer_messages (conversation_id=? AND seq<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains(" a USING INDEX", StringComparison.Ordinal) || line.StartsWith("SCAN a", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<List<string>> SummaryPlanAsync(InsightsRange range)
    {
        var lines = new List<string>();
        foreach (var statement in await SummaryStatementsAsync(range))
        {
            lines.AddRange(await PlanAsync(statement));
        }

        return lines;
    }

    private Task<List<string>> SummaryStatementsAsync(InsightsRange range) => StatementsAsync(f => f.SummaryAsync(range));

    /// <summary>The SELECTs a figure ran, with their parameters' values written in (SQLite's legacy trace).</summary>
    private async Task<List<string>> StatementsAsync(Func<InsightsFigures, Task> figure)
    {
        var traced = new TracedArchive(_archive);
        await figure(new InsightsFigures(traced, _clock));
        return [.. traced.Statements.Where(s => s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))];
    }

    private async Task<List<string>> PlanAsync(string statement)
    {
        // A connection of its own, not from the pool: pooled ones may still carry a trace.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _archive.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    [GeneratedRegex(@"\bconversations\s+(?:AS\s+)?([a-z]\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConversationAliases();

    /// <summary>The archive, noting every statement its connections run.</summary>
    private sealed class TracedArchive(SqliteConversationArchive inner) : DelegatingArchive(inner)
    {
        public ConcurrentQueue<string> Statements { get; } = [];

        public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
        {
            var connection = (SqliteConnection)await base.OpenConnectionAsync(cancellationToken);
            SQLitePCL.raw.sqlite3_trace(connection.Handle, (_, statement) => Statements.Enqueue(statement), null);
            return connection;
        }

        public override async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await read(connection, cancellationToken);
        }
    }
}

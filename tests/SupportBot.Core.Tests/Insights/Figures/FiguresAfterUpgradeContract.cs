using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Insights.Archive;
using SupportBot.Insights.Figures;
using SupportBot.Tests.Insights.Archive;
using static SupportBot.Insights.Archive.HandoffOutcomes;

namespace SupportBot.Tests.Insights.Figures;

/// <summary>
/// An archive that was at an earlier schema version with conversations in it, upgraded at start-up, gives the figures a
/// fresh archive of the latest version gives for the same conversations: what a later version keeps precomputed (the
/// bot's first response from version 2, "came back within 72 hours" from version 3) is filled in for the rows written
/// before it.
/// </summary>
public abstract class FiguresAfterUpgradeContract
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly InsightsRange Day = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2));
    private static readonly string[] Tables = ["conversations", "activities", "conversation_orders", "handoffs", "surveys", "feedback", "tickets"];

    private protected FakeTimeProvider Clock { get; } = new(Nine.AddDays(3));

    /// <summary>A fresh archive with no schema.</summary>
    protected abstract SqlConversationArchive CreateEmpty();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AnArchiveUpgradedFromAnEarlierVersionGivesTheFiguresOfAFreshArchive(int version)
    {
        var fresh = CreateEmpty();
        await fresh.MigrateAsync();
        foreach (var conversation in Desk())
        {
            await conversation.SaveAsync(fresh);
        }

        var upgraded = CreateEmpty();
        await using (var connection = await upgraded.OpenConnectionAsync())
        {
            Assert.Equal(version, await ArchiveMigrations.ApplyAsync(connection, upgraded.Provider, Clock, target: version));
            await CopyAsync(fresh, connection); // the rows that version's worker wrote: every column that version has
        }

        await upgraded.MigrateAsync(); // what start-up does

        var (before, after) = (new InsightsFigures(fresh, Clock), new InsightsFigures(upgraded, Clock));
        foreach (var range in (InsightsRange[])[Day, Day with { Language = "ar" }, Day with { Channel = "msteams" }])
        {
            Assert.Equal(Json(await before.SummaryAsync(range)), Json(await after.SummaryAsync(range)));
            Assert.Equal(Json(await before.IntentsAsync(range)), Json(await after.IntentsAsync(range)));
            Assert.Equal(Json(await before.LanguagesAsync(range)), Json(await after.LanguagesAsync(range)));
        }

        // Not equal by being empty: 2, 3, 4, 5 and 50 s from a customer's first message to the bot's next one.
        var summary = await after.SummaryAsync(Day);
        Assert.Equal((7L, new Percentiles(4, 32), 1L), (summary.Conversations, summary.BotFirstResponseSeconds, summary.NotContained.CameBack));
    }

    private static IEnumerable<ArchiveSeed> Desk()
    {
        ArchiveSeed Chat(string id, string customer, DateTimeOffset? at = null, string language = "en", string channel = "directline") =>
            ArchiveSeed.Conversation(id, customer, at ?? Nine, language, channel);
        yield return Chat("greeted", "a").Bot("Welcome").Customer("hi", after: 50).Bot(after: 2);
        yield return Chat("twice", "b").Customer("hi").Bot(after: 4).Customer("thanks").Bot(after: 30);
        yield return Chat("unanswered", "c").Customer("hello?");
        yield return Chat("silent", "d").Bot("Welcome");
        yield return Chat("slow", "e", language: "ar", channel: "msteams").Customer("مرحبا", "refund_status").Bot(after: 50)
            .Handoff("customer_request", Closed, pickup: 30, firstReply: 40, end: 300, agent: "anna").Survey(5, 10);
        yield return Chat("back", "f", Nine.AddHours(2), "ar").Customer("refund?", "refund_status").Bot(after: 3).Feedback("refund_status", false);
        yield return Chat("again", "f", Nine.AddHours(10), "ar").Customer("refund still missing", "refund_status").Bot(after: 5);
    }

    private static async Task CopyAsync(SqlConversationArchive from, DbConnection to)
    {
        await using var source = await from.OpenConnectionAsync();
        foreach (var table in Tables)
        {
            await using var target = ArchiveSql.Command(to, null, $"SELECT * FROM {table} WHERE 1 = 0");
            List<string> columns;
            await using (var shape = await target.ExecuteReaderAsync())
            {
                columns = [.. Enumerable.Range(0, shape.FieldCount).Select(shape.GetName)];
            }

            // Activities' id, which version 5 no longer keeps, as the earlier versions' worker wrote it (the rest it no
            // longer keeps, who wrote it and the classifier's details, no figure reads).
            await using var read = ArchiveSql.Command(source, null, $"SELECT {string.Join(", ", columns.Select(c => Column(table, c)))} FROM {table}");
            await using var rows = await read.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                await using var insert = ArchiveSql.Command(to, null,
                    $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})");
                for (var i = 0; i < columns.Count; i++)
                {
                    ArchiveSql.Add(insert, "@" + columns[i], rows.IsDBNull(i) ? null : rows.GetValue(i));
                }

                await insert.ExecuteNonQueryAsync();
            }
        }
    }

    private static string Column(string table, string column) => (table, column) switch
    {
        ("activities", "id") => "conversation_id || '|' || seq",
        ("activities", "from_id" or "from_name" or "name" or "language" or "reply_to_id") => $"CAST(NULL AS TEXT) AS {column}",
        ("activities", "confidence") => "CAST(NULL AS REAL) AS confidence",
        _ => column,
    };

    private static string Json<T>(T figures) => JsonSerializer.Serialize(figures, InsightsJson.Options);
}

public sealed class FiguresAfterUpgradeSqliteTests : FiguresAfterUpgradeContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-upgrade-").FullName;

    protected override SqlConversationArchive CreateEmpty() => new SqliteConversationArchive(Path.Combine(_directory, $"{Guid.NewGuid():N}.db"), Clock);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The same upgrade on a real PostgreSQL server (a schema of its own for each archive).</summary>
public sealed class FiguresAfterUpgradePostgresServerTests : FiguresAfterUpgradeContract, IAsyncDisposable
{
    private PostgresArchives? _archives;

    protected override SqlConversationArchive CreateEmpty() => (_archives ??= new PostgresArchives(Clock)).Create();

    public ValueTask DisposeAsync() => _archives?.DisposeAsync() ?? ValueTask.CompletedTask;
}

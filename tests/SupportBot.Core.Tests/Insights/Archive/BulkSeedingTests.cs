using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Insights.Archive;
using SupportBot.Insights.Figures;
using static SupportBot.Insights.Archive.HandoffOutcomes;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>Seeding many conversations in one transaction (the benchmark's) stores what the worker's one-by-one writes store.</summary>
public sealed class BulkSeedingTests : IDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("bulk-seed-").FullName;
    private readonly FakeTimeProvider _clock = new(Nine.AddDays(3));

    [Fact]
    public async Task ConversationsSeededInOneTransactionGiveTheSameFiguresAndTranscriptsAsOneByOne()
    {
        var one = await OpenAsync("one-by-one.db");
        var bulk = await OpenAsync("bulk.db");
        foreach (var snapshot in Conversations())
        {
            await one.WriteAsync(snapshot);
        }

        await bulk.WriteNewAsync(Conversations());

        var range = new InsightsRange(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2));
        Assert.Equal(Json(await new InsightsFigures(one, _clock).SummaryAsync(range)), Json(await new InsightsFigures(bulk, _clock).SummaryAsync(range)));
        Assert.Equal(3, (await bulk.ListAsync(Nine.AddDays(-1), Nine.AddDays(1))).Count);
        foreach (var id in new[] { "helped", "handed", "rated" })
        {
            Assert.Equal(Json(await one.GetAsync(id)), Json(await bulk.GetAsync(id)));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static ConversationSnapshot[] Conversations() =>
    [
        ArchiveSeed.Conversation("helped", "a", Nine).Customer("where is my order").Bot().Feedback("order_status", helped: true).Build(),
        ArchiveSeed.Conversation("handed", "b", Nine.AddMinutes(5)).Customer("agent").Bot()
            .Handoff("customer_request", Closed, pickup: 30, firstReply: 40, end: 300, agent: "anna").Agent().Build(),
        ArchiveSeed.Conversation("rated", "c", Nine.AddMinutes(9)).Customer("agent").Bot()
            .Handoff("angry_phrase", Closed, pickup: 10, firstReply: 12, end: 100, agent: "ben").Agent().Survey(4, nps: 9).Build(),
    ];

    private async Task<SqliteConversationArchive> OpenAsync(string file)
    {
        var archive = new SqliteConversationArchive(Path.Combine(_folder, file), _clock);
        await archive.MigrateAsync();
        return archive;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}

using Microsoft.Extensions.Time.Testing;
using SupportBot.Insights.Archive;
using SupportBot.Insights.Figures;

namespace SupportBot.Tests.Insights.Figures;

/// <summary>
/// "Came back within 72 hours" is kept per conversation by the archive's writes (conversations.came_back), so it
/// must come out as the definition says whatever order and however often the conversations are written, and after
/// retention deletes the conversation a customer came back in.
/// </summary>
public abstract class ComebackContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly InsightsRange Day = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2));

    private IConversationArchive _archive = null!;

    private protected FakeTimeProvider Clock { get; } = new(Nine.AddDays(30));

    protected abstract IConversationArchive OpenArchive();

    public async ValueTask InitializeAsync()
    {
        _archive = OpenArchive();
        await _archive.MigrateAsync();
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AComebackArchivedBeforeTheConversationItFollowsStillCounts()
    {
        await Chat("again", "f", Nine.AddHours(30)).Customer("refund still missing").Bot().SaveAsync(_archive);
        await Chat("first", "f", Nine).Customer("refund?").Bot().SaveAsync(_archive);

        Assert.Equal((1L, 0L), await CameBackAndContainedAsync()); // the second conversation started the next day
    }

    [Fact]
    public async Task AConversationThatGoesOnCanComeWithinReachOfALaterOne()
    {
        await Chat("first", "f", Nine).Customer("refund?").Bot().SaveAsync(_archive);
        await Chat("again", "f", Nine.AddHours(74)).Customer("refund still missing").Bot().SaveAsync(_archive);
        Assert.Equal((0L, 2L), await CameBackAndContainedAsync(Day with { To = Day.To.AddDays(4) }));

        // Three hours later the first conversation had more: its last activity is now within 72 hours of the second's start.
        await Chat("first", "f", Nine).Customer("refund?").Bot().Customer("thanks", after: 3 * 3600).Bot().SaveAsync(_archive);

        Assert.Equal((1L, 1L), await CameBackAndContainedAsync(Day with { To = Day.To.AddDays(4) }));
    }

    [Fact]
    public async Task ALaterConversationCountsOnceTheCustomerHasWrittenInIt()
    {
        await Chat("first", "f", Nine).Customer("refund?").Bot().SaveAsync(_archive);
        await Chat("again", "f", Nine.AddHours(5)).Bot("Welcome").SaveAsync(_archive);
        Assert.Equal((0L, 1L), await CameBackAndContainedAsync());

        await Chat("again", "f", Nine.AddHours(5)).Bot("Welcome").Customer("refund still missing").Bot().SaveAsync(_archive);

        Assert.Equal((1L, 1L), await CameBackAndContainedAsync());
    }

    [Fact]
    public async Task RetentionThatDeletesTheLaterConversationTakesTheComebackAway()
    {
        // The first conversation goes on for ten days; the customer's second one, an hour after it started, ends at once.
        await Chat("long", "f", Nine).Customer("refund?").Bot().Customer("still there?", after: 10 * 86400).Bot().SaveAsync(_archive);
        await Chat("short", "f", Nine.AddHours(1)).Customer("refund").Bot().SaveAsync(_archive);
        await Chat("other", "g", Nine).Customer("hi").Bot().SaveAsync(_archive);
        await Chat("other-again", "g", Nine.AddHours(2)).Customer("hi again").Bot().Customer("?", after: 10 * 86400).Bot().SaveAsync(_archive);
        Assert.Equal((2L, 2L), await CameBackAndContainedAsync());

        Assert.Equal(2, await _archive.DeleteOlderThanAsync(Nine.AddDays(1))); // "short" and "other"

        Assert.Equal((0L, 2L), await CameBackAndContainedAsync());
    }

    [Fact]
    public async Task ConversationsOfOneCustomerWrittenAtOnceSeeEachOther()
    {
        var customers = Enumerable.Range(0, 24).Select(i => $"c{i}").ToList();

        await Task.WhenAll(customers.SelectMany(c => new[]
        {
            Chat($"{c}-first", c, Nine).Customer("refund?").Bot().SaveAsync(_archive),
            Chat($"{c}-again", c, Nine.AddHours(1)).Customer("refund still missing").Bot().SaveAsync(_archive),
        }));

        Assert.Equal((24L, 24L), await CameBackAndContainedAsync());
    }

    [Fact]
    public async Task BatchesWrittenAtOnceSeeTheirOwnRowsAndEachOthers()
    {
        var customers = Enumerable.Range(0, 12).Select(i => $"b{i}").ToList();
        var firsts = customers.Select(c => Chat($"{c}-first", c, Nine).Customer("refund?").Bot().Build()).ToList();
        var agains = customers.Select(c => Chat($"{c}-again", c, Nine.AddHours(1)).Customer("refund still missing").Bot().Build()).ToList();

        // The archive worker's batches: the first six customers' two conversations in one transaction, the other six's
        // split between that one and another written at the same moment.
        var written = await Task.WhenAll(
            _archive.WriteAllAsync([.. agains.Take(6), .. firsts]),
            _archive.WriteAllAsync([.. agains.Skip(6).Reverse()]));

        Assert.All(written.SelectMany(w => w), Assert.True);
        Assert.Equal((12L, 12L), await CameBackAndContainedAsync());
    }

    private static ArchiveSeed Chat(string id, string customer, DateTimeOffset at) => ArchiveSeed.Conversation(id, customer, at);

    private async Task<(long CameBack, long Contained)> CameBackAndContainedAsync(InsightsRange? range = null)
    {
        var summary = await new InsightsFigures(_archive, Clock).SummaryAsync(range ?? Day);
        return (summary.NotContained.CameBack, summary.Contained);
    }
}

public sealed class ComebackSqliteTests : ComebackContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("comeback-").FullName;

    protected override IConversationArchive OpenArchive() => new SqliteConversationArchive(Path.Combine(_folder, "archive.db"), Clock);

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The same on a real PostgreSQL server, where two writes of one customer's conversations can run at once.</summary>
public sealed class ComebackPostgresServerTests : ComebackContract
{
    private PostgresConversationArchive? _archive;

    protected override IConversationArchive OpenArchive() =>
        _archive = new PostgresConversationArchive(PostgresTestServer.IsolatedConnectionString(), Clock);

    public override async ValueTask DisposeAsync()
    {
        if (_archive is not null)
        {
            await _archive.DisposeAsync();
        }
    }
}

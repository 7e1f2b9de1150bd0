using Microsoft.Extensions.Time.Testing;
using SupportBot.Insights.Archive;
using SupportBot.Insights.Figures;
using static SupportBot.Insights.Archive.HandoffOutcomes;

namespace SupportBot.Tests.Insights.Figures;

/// <summary>Each figure's edge cases, on whichever archive the subclass opens (SQLite here, PostgreSQL in *ServerTests).</summary>
public abstract class InsightsFiguresContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    protected static readonly InsightsRange Day = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2));

    private IConversationArchive _archive = null!;

    protected FakeTimeProvider Clock { get; } = new(Nine.AddDays(3));

    protected InsightsFigures Figures { get; private set; } = null!;

    protected abstract Task<IConversationArchive> OpenArchiveAsync();

    public async ValueTask InitializeAsync()
    {
        _archive = await OpenArchiveAsync();
        await _archive.MigrateAsync();
        Figures = new InsightsFigures(_archive, Clock);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected Task SaveAsync(params ArchiveSeed[] conversations) =>
        Task.WhenAll(conversations.Select(c => c.SaveAsync(_archive)));

    protected static ArchiveSeed Chat(string id, string customer = "cust-1", DateTimeOffset? at = null, string language = "en", string channel = "directline") =>
        ArchiveSeed.Conversation(id, customer, at ?? Nine, language, channel);

    [Fact]
    public async Task AHandedOffConversationIsNotContainedEvenWhenTheAgentResolvedIt()
    {
        await SaveAsync(
            Chat("bot-only", "a").Customer("where is my order").Bot(),
            Chat("handed", "b").Customer("agent").Bot().Handoff("customer_request", Closed, pickup: 30, firstReply: 40, end: 300, agent: "anna"));

        var summary = await Figures.SummaryAsync(Day);

        Assert.Equal((2L, 2L, 1L, 1L), (summary.Conversations, summary.Engaged, summary.Contained, summary.Escalated));
        Assert.Equal((50.0, 50.0), (summary.ContainmentRate, summary.NaiveContainmentRate));
        Assert.Equal((1L, 100.0), (summary.Handoffs.Resolved, summary.ResolutionRate));
    }

    [Fact]
    public async Task ACustomerWhoComesBackWithin72HoursWasNotContainedButOneWhoComesBackLaterWas()
    {
        await SaveAsync(
            Chat("first", "back-soon").Customer("refund?", "refund_status").Bot(),
            Chat("again", "back-soon", Nine.AddHours(71)).Customer("refund still missing", "refund_status").Bot(),
            Chat("once", "back-late").Customer("refund?", "refund_status").Bot(),
            Chat("much-later", "back-late", Nine.AddHours(73)).Customer("new question").Bot());

        var summary = await Figures.SummaryAsync(Day);

        Assert.Equal((2L, 1L, 2L), (summary.Engaged, summary.Contained, summary.NaiveContained));
        Assert.Equal(1L, summary.NotContained.CameBack);
    }

    [Fact]
    public async Task AConversationLeftUnansweredOrMisunderstoodIsNotContainedButCountsAsNaivelyContained()
    {
        await SaveAsync(
            Chat("unanswered", "a").Customer("hello?").Bot().Customer("are you there"),
            Chat("misunderstood", "b").Customer("blorp", "out_of_scope").Bot("Sorry, I did not get that"),
            Chat("ambiguous", "c").Customer("my thing", ambiguous: true).Bot("Did you mean..."),
            Chat("silent", "d").Bot("Welcome"));

        var summary = await Figures.SummaryAsync(Day);

        Assert.Equal((4L, 3L, 0L, 3L, 3L), (summary.Conversations, summary.Engaged, summary.Contained, summary.NaiveContained, summary.NotContained.Abandoned));
        Assert.Equal((0.0, 100.0), (summary.ContainmentRate, summary.NaiveContainmentRate));
    }

    [Fact]
    public async Task ACustomerWhoLeavesTheQueueCountsAsQueueAbandonmentAndAgainstTheResolutionRate()
    {
        await SaveAsync(
            Chat("left", "a").Customer("agent please").Bot().Handoff("customer_request", Abandoned, end: 90),
            Chat("left-too", "f").Customer("agent").Bot().Handoff("customer_request", Abandoned, end: 30),
            Chat("timed-out", "b").Customer("this is useless").Bot().Handoff("angry_phrase", HandoffOutcomes.Timeout, end: 1200),
            Chat("closed", "c").Customer("agent").Bot().Handoff("customer_request", Closed, pickup: 10, firstReply: 20, end: 100, agent: "anna"),
            Chat("returned", "d").Customer("agent").Bot().Handoff("always_human", Returned, pickup: 20, firstReply: 25, end: 200, agent: "ben"),
            Chat("waiting", "e").Customer("agent").Bot().Handoff("customer_request", null));

        var summary = await Figures.SummaryAsync(Day);

        var h = summary.Handoffs;
        Assert.Equal((6L, 2L, 1L, 1L, 2L, 1L, 1L), (h.Requested, h.PickedUp, h.Resolved, h.Returned, h.Abandoned, h.TimedOut, h.Open));
        Assert.Equal(33.3, h.QueueAbandonmentRate);
        Assert.Equal(20.0, summary.ResolutionRate); // 1 closed of the 5 that ended
        Assert.Equal(new Dictionary<string, long> { ["always_human"] = 1, ["angry_phrase"] = 1, ["customer_request"] = 4 }, summary.EscalationsByReason);
    }

    [Fact]
    public async Task PickupAndFirstResponseTimesArePercentilesInterpolatedBetweenRanks()
    {
        // Pickups 10, 20, 30, 40, 100 s: p50 = 30; p90 = rank 3.6 = 40 + 0.6 × 60 = 76. First replies 5 s after each.
        var pickups = new[] { 40, 10, 100, 30, 20 };
        await SaveAsync([.. pickups.Select((p, i) => Chat($"c{i}", $"cust-{i}").Customer("agent").Bot()
            .Handoff("customer_request", Closed, pickup: p, firstReply: p + 5 + i, end: p + 60, agent: "anna"))]);

        var summary = await Figures.SummaryAsync(Day);

        Assert.Equal(new Percentiles(30, 76), summary.PickupSeconds);
        Assert.Equal(new Percentiles(7, 8.6), summary.FirstResponseSeconds); // 5+i for i = 0..4: 5, 6, 7, 8, 9
        Assert.Equal(new HandleTime(60, 60, 60), summary.HandleSeconds);
    }

    [Fact]
    public async Task CsatCountsRatingsOfFourAndFiveAsSatisfiedAndNpsIsPromotersMinusDetractors()
    {
        await SaveAsync(
            Chat("s1", "a").Customer("agent").Bot().Handoff("customer_request", Closed, 10, 20, 100, "anna").Survey(5, 10),
            Chat("s2", "b").Customer("agent").Bot().Handoff("customer_request", Closed, 10, 20, 100, "anna").Survey(4, 8),
            Chat("s3", "c").Customer("agent").Bot().Handoff("customer_request", Closed, 10, 20, 100, "ben").Survey(2, 3),
            Chat("s4", "d").Customer("agent").Bot().Handoff("customer_request", Closed, 10, 20, 100, "ben").Survey(3),
            Chat("s5", "e").Customer("agent").Bot().Handoff("customer_request", Closed, 10, 20, 100, "ben"));

        var summary = await Figures.SummaryAsync(Day);

        Assert.Equal(new CsatFigures(4, 50.0, 3.5, 80.0), summary.Csat);
        Assert.Equal(new NpsFigures(3, 0.0, 1, 1, 1), summary.Nps);
        var agents = await Figures.AgentsAsync(Day);
        Assert.Equal(
            [new AgentFigures("ben", "Ben", 3, 3, 90, 10, 2, 0.0, 2.5), new AgentFigures("anna", "Anna", 2, 2, 90, 10, 2, 100.0, 4.5)],
            agents);
    }

    [Fact]
    public async Task LanguageChannelAndDatesLimitWhichConversationsCount()
    {
        await SaveAsync(
            Chat("en-web", "a").Customer("hi").Bot(),
            Chat("ar-web", "b", language: "ar").Customer("مرحبا").Bot(),
            Chat("ar-teams", "c", language: "ar", channel: "msteams").Customer("مرحبا").Bot(),
            Chat("yesterday", "d", Nine.AddDays(-1)).Customer("hi").Bot(),
            Chat("tomorrow", "e", Nine.AddDays(1)).Customer("hi").Bot());

        Assert.Equal(3L, (await Figures.SummaryAsync(Day)).Conversations);
        Assert.Equal(2L, (await Figures.SummaryAsync(Day with { Language = "ar" })).Conversations);
        Assert.Equal(1L, (await Figures.SummaryAsync(Day with { Language = "ar", Channel = "msteams" })).Conversations);
        var languages = await Figures.LanguagesAsync(Day);
        Assert.Equal([("ar", 2L), ("en", 1L)], languages.Select(l => (l.Language, l.Conversations)));
        var days = await Figures.DailyAsync(Day with { From = Day.From.AddDays(-1), To = Day.To.AddDays(2) });
        Assert.Equal([("2026-11-01", 1L), ("2026-11-02", 3L), ("2026-11-03", 1L), ("2026-11-04", 0L)], days.Select(d => (d.Date, d.Conversations)));
    }

    [Fact]
    public async Task PerIntentCountsMessagesFeedbackEscalationsAndDidYouMean()
    {
        await SaveAsync(
            Chat("i1", "a").Customer("where is my order").Bot().Feedback("order_status", true),
            Chat("i2", "b").Customer("order?", ambiguous: true).Bot().Customer("where is my order").Bot().Feedback("order_status", false),
            Chat("i3", "c").Customer("refund", "refund_status").Bot().Handoff("customer_request", null, intent: "refund_status"),
            Chat("i4", "d").Customer("blorp first", "out_of_scope").Bot().Customer("where is my order").Bot().Customer("blorp", "out_of_scope").Bot());

        var intents = await Figures.IntentsAsync(Day);

        Assert.Equal(
            [
                new IntentFigures("order_status", 4, 1, 1, 50.0, 1, 0, 1, 25.0),
                new IntentFigures("out_of_scope", 2, 0, 0, null, 0, 0, 0, 0.0),
                new IntentFigures("refund_status", 1, 0, 0, null, 0, 1, 0, 0.0),
            ],
            intents);
    }

    [Fact]
    public async Task TheBotsFirstResponseRunsFromTheCustomersFirstMessageToTheBotsNextMessage()
    {
        await SaveAsync(
            Chat("b1", "a").Bot("Welcome").Customer("hi", after: 50).Bot(after: 2),
            Chat("b2", "b").Customer("hi").Bot(after: 4).Customer("thanks").Bot(after: 30),
            Chat("b3", "c").Customer("hello?"));

        var summary = await Figures.SummaryAsync(Day);

        Assert.Equal(new Percentiles(3, 3.8), summary.BotFirstResponseSeconds);
    }

    [Fact]
    public async Task AnEmptyRangeHasZeroCountsAndNoRates()
    {
        var summary = await Figures.SummaryAsync(Day);

        Assert.Equal((0L, (double?)null, (double?)null, Percentiles.None), (summary.Conversations, summary.ContainmentRate, summary.Csat.Mean, summary.PickupSeconds));
    }
}

public sealed class InsightsFiguresSqliteTests : InsightsFiguresContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("insights-").FullName;

    protected override Task<IConversationArchive> OpenArchiveAsync() =>
        Task.FromResult<IConversationArchive>(new SqliteConversationArchive(Path.Combine(_folder, "archive.db"), Clock));

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The same figures on a real PostgreSQL server (a schema of its own per test).</summary>
public sealed class InsightsFiguresPostgresServerTests : InsightsFiguresContract
{
    private PostgresConversationArchive? _archive;

    protected override Task<IConversationArchive> OpenArchiveAsync()
    {
        _archive = new PostgresConversationArchive(PostgresTestServer.IsolatedConnectionString(), Clock);
        return Task.FromResult<IConversationArchive>(_archive);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_archive is not null)
        {
            await _archive.DisposeAsync();
        }
    }
}

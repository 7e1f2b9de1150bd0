using System.Text.Json.Nodes;
using SupportBot.Handoff.Agents;
using SupportBot.Insights.Archive;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Insights;

/// <summary>GET /api/insights/*: supervisors read the figures as JSON or CSV; nobody else does; bad ranges are 400s.</summary>
public sealed class InsightsApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string Range = "from=2026-11-02&to=2026-11-02";

    private TestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await TestApp.StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(1))
        {
            ["Agents:Accounts:1:Id"] = "sam",
            ["Agents:Accounts:1:Name"] = "Sam",
            ["Agents:Accounts:1:PasswordHash"] = PasswordHasher.Hash(AgentTestClient.Password),
            ["Agents:Accounts:1:Roles:0"] = "supervisor",
        });
        var archive = _app.Services.GetRequiredService<IConversationArchive>();
        await archive.MigrateAsync();
        await ArchiveSeed.Conversation("kept", "a", Nine).Customer("where is my order").Bot().SaveAsync(archive);
        await ArchiveSeed.Conversation("handed", "b", Nine, "ar").Customer("موظف").Bot()
            .Handoff("customer_request", HandoffOutcomes.Closed, pickup: 30, firstReply: 45, end: 300, agent: "agent-01").Survey(5, 9)
            .SaveAsync(archive);
    }

    [Fact]
    public async Task ASupervisorGetsTheSummaryWithEveryHeadlineFigure()
    {
        var sam = await AgentTestClient.SignInAsync(_app.BaseUrl, "sam");

        var summary = await ReadObjectAsync(await _app.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?{Range}", sam));

        Assert.Equal((2, 2, 1, 1), (Int(summary, "conversations"), Int(summary, "engaged"), Int(summary, "contained"), Int(summary, "escalated")));
        Assert.Equal((50.0, 50.0, 100.0), (Num(summary, "containmentRate"), Num(summary, "naiveContainmentRate"), Num(summary, "resolutionRate")));
        Assert.Equal(1, summary["escalationsByReason"]!["customer_request"]!.GetValue<int>());
        Assert.Equal((1, 100.0, 5.0), (Int(summary["csat"]!, "responses"), Num(summary["csat"]!, "satisfiedRate"), Num(summary["csat"]!, "mean")));
        Assert.Equal((1, 100.0), (Int(summary["nps"]!, "responses"), Num(summary["nps"]!, "score")));
        Assert.Equal((30.0, 15.0), (Num(summary["pickupSeconds"]!, "p50"), Num(summary["firstResponseSeconds"]!, "p90")));
        var arabic = await ReadObjectAsync(await _app.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?{Range}&lang=ar", sam));
        Assert.Equal(1, Int(arabic, "conversations"));
    }

    [Fact]
    public async Task TheTablesComeAsJsonAndAsCsvDownloads()
    {
        var sam = await AgentTestClient.SignInAsync(_app.BaseUrl, "sam");

        var agents = await ReadObjectAsync(await _app.Client.SendAsync(HttpMethod.Get, $"/api/insights/agents?{Range}", sam));
        var csv = await _app.Client.SendAsync(HttpMethod.Get, $"/api/insights/daily?{Range}&format=csv", sam);

        Assert.Equal("agent-01", agents["agents"]![0]!["agentId"]!.GetValue<string>());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("insights-days-2026-11-02-2026-11-02.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.StartsWith("date,conversations,engaged,contained,", lines[0]);
        Assert.StartsWith("2026-11-02,2,2,1,", lines[1]);
    }

    [Fact]
    public async Task AgentsWhoAreNoSupervisorAndStrangersAreRefused()
    {
        var agent = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");

        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?{Range}", agent), 403, "Forbidden");
        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?{Range}", null), 401, "Unauthorized");
    }

    [Fact]
    public async Task WithTheArchiveOffThereAreNoFiguresEvenFromAnEarlierRunsFile()
    {
        // An archive file an earlier run left (seeded here), on a server now told Archive:Enabled=false: its figures
        // would be a stale desk's, so none are given.
        await using var off = await TestApp.StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(1))
        {
            ["Agents:Accounts:0:Roles:0"] = "supervisor",
            ["Archive:Enabled"] = "false",
        });
        var archive = off.Services.GetRequiredService<IConversationArchive>();
        await archive.MigrateAsync();
        await ArchiveSeed.Conversation("old", "a", Nine).Customer("where is my order").Bot().SaveAsync(archive);
        var lead = await AgentTestClient.SignInAsync(off.BaseUrl, "agent-01");

        var error = await AssertErrorAsync(await off.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?{Range}", lead), 503, "ServiceUnavailable");

        Assert.Contains("archive is off", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("from=2026-11-02")]
    [InlineData("from=2026-13-01&to=2026-12-01")]
    [InlineData("from=02/11/2026&to=2026-11-03")]
    [InlineData("from=2026-11-05&to=2026-11-02")]
    [InlineData("from=2020-01-01&to=2026-11-02")]
    [InlineData("from=2026-11-02&to=2026-11-02&format=xml")]
    public async Task ABadRangeIsABadArgument(string query)
    {
        var sam = await AgentTestClient.SignInAsync(_app.BaseUrl, "sam");

        await AssertErrorAsync(await _app.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?{query}", sam), 400, "BadArgument");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static double Num(JsonNode node, string name) => node[name]!.GetValue<double>();
}

using Microsoft.Extensions.Options;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Metrics;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Metrics;

/// <summary>
/// /metrics answers Prometheus on the server's own port, but only loopback and Metrics:AllowedNetworks: the client
/// address is the one trusted proxies forward (loopback by default), so a proxy in front cannot open it to everyone.
/// </summary>
/// Alone: OpenTelemetry listens to every meter named SupportBot in the process, so another test's in-process server
/// running at the same time would add its own series to this scrape (one server per process in production).
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    [Fact]
    public async Task AScrapeFromLoopbackIsPrometheusText()
    {
        await using var app = await TestApp.StartAsync();
        await app.Client.StartAsync(); // a turn, so the turn instruments have something to show

        var response = await app.Client.Http.GetAsync(MetricsFeature.Path);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var scrape = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("counter", scrape.Types["supportbot_turns_total"]);
        Assert.Equal("histogram", scrape.Types["supportbot_turn_duration_seconds"]);
        Assert.Equal(0, scrape.Value("supportbot_queue_length"));
    }

    [Fact]
    public async Task TheWarmUpsTurnsAreNotCountedAsTheServersOwn()
    {
        // 24 turns through a copy of the server before it listens; then this server's own: a start and one message.
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["WarmUp:Turns"] = "24" });
        var conversation = await app.Client.StartAsync();
        await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "What can you do?"));

        var scrape = PrometheusText.Parse(await (await app.Client.Http.GetAsync(MetricsFeature.Path)).Content.ReadAsStringAsync());

        Assert.InRange(scrape.Value("supportbot_turns_total") ?? 0, 1, 2);
    }

    [Fact]
    public async Task AClientForwardedFromOutsideTheAllowedNetworksIsForbidden()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8" });

        var response = await ScrapeFromAsync(app, "198.51.100.7");

        await AssertErrorAsync(response, 403, "Forbidden");
    }

    [Fact]
    public async Task AClientInAnAllowedNetworkMayScrape()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "198.51.100.0/24" });

        var response = await ScrapeFromAsync(app, "198.51.100.7");

        Assert.Equal(200, (int)response.StatusCode);
        PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AClientCannotPassItselfOffAsLoopbackThroughTheProxy()
    {
        await using var app = await TestApp.StartAsync();

        // The client wrote "127.0.0.1" itself; the proxy appended the address it saw, and only that one is believed.
        var response = await ScrapeFromAsync(app, "127.0.0.1, 198.51.100.7");

        await AssertErrorAsync(response, 403, "Forbidden");
    }

    [Fact]
    public async Task AnAllowedNetworkThatIsNoNetworkStopsTheServerFromStarting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestApp.StartAsync(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.0.0.300/8" }));

        Assert.Contains("Metrics:AllowedNetworks", error.Message);
    }

    private static Task<HttpResponseMessage> ScrapeFromAsync(TestApp app, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MetricsFeature.Path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return app.Client.Http.SendAsync(request);
    }
}

[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsTestsRunAlone;

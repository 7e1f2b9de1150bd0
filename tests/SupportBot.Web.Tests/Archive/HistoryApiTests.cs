using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SupportBot.Conversations;
using SupportBot.Handoff.Agents;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Archive;

/// <summary>History, read-through and forgetting over HTTP, on the in-memory store and a real SQLite archive.</summary>
public sealed class HistoryApiTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(AgentTestClient.Accounts(1))
        {
            ["Agents:Accounts:1:Id"] = "sam",
            ["Agents:Accounts:1:Name"] = "Sam",
            ["Agents:Accounts:1:PasswordHash"] = PasswordHasher.Hash(AgentTestClient.Password),
            ["Agents:Accounts:1:Roles:0"] = "supervisor",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(Settings());

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnAgentFindsAnArchivedConversationByItsOrderNumberAndOpensItsTranscript()
    {
        var (conversation, customer) = await ChatAsync(_app, "where is my order ORD-12345?");
        var agent = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");

        var found = await WaitArchivedAsync(_app, agent, $"order=ord-12345");

        var summary = Assert.Single(found);
        Assert.Equal((conversation.Id, customer, "directline"), (summary!["id"]!.GetValue<string>(), summary["customer"]!.GetValue<string>(), summary["channel"]!.GetValue<string>()));
        Assert.Equal("where is my order ORD-12345?", summary["preview"]!.GetValue<string>());
        var detail = await ReadObjectAsync(await GetAsync(_app, agent, $"/agent/api/history/{conversation.Id}"));
        var lines = detail["activities"]!.AsArray();
        Assert.Equal("where is my order ORD-12345?", lines.Single(l => l!["role"]!.GetValue<string>() == "customer")!["text"]!.GetValue<string>());
        Assert.Contains(lines, l => l!["role"]!.GetValue<string>() == "bot");
        Assert.Null(detail["survey"]);
    }

    [Fact]
    public async Task BadDatesRatingsLimitsAndCursorsAreRefusedWith400()
    {
        var agent = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");

        foreach (var query in (string[])["from=yesterday", "to=2026-13-01", "rating=6", "rating=x", "limit=0", "limit=201", "before=nonsense", "from=2026-12-07&to=2026-12-01"])
        {
            await AssertErrorAsync(await GetAsync(_app, agent, $"/agent/api/history?{query}"), 400, "BadArgument");
        }
    }

    [Fact]
    public async Task HistoryNeedsAnAgentsTokenAndAnUnknownConversationIsNotFound()
    {
        var agent = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(_app, null, "/agent/api/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(_app, null, "/agent/api/history/abc")).StatusCode);
        await AssertErrorAsync(await GetAsync(_app, agent, "/agent/api/history/no-such-conversation"), 404, "NotFound");
    }

    [Fact]
    public async Task TheTranscriptIsReadFromTheArchiveOnceTheStoreHasLetItExpire()
    {
        await using var app = await TestApp.StartAsync(Settings(new Dictionary<string, string?> { ["Conversations:Ttl"] = "00:00:03" }));
        var (conversation, _) = await ChatAsync(app, "hello there");
        var agent = await AgentTestClient.SignInAsync(app.BaseUrl, "agent-01");
        await WaitArchivedAsync(app, agent, $"q=hello+there");

        var log = app.Services.GetRequiredService<IConversationLog>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await log.GetAsync(conversation.Id) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Null(await log.GetAsync(conversation.Id));
        var detail = await ReadObjectAsync(await GetAsync(app, agent, $"/agent/api/history/{conversation.Id}"));
        Assert.Equal("hello there", detail["activities"]!.AsArray().Single(l => l!["role"]!.GetValue<string>() == "customer")!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASupervisorForgetsACustomerInTheStoreAndTheArchiveAndAnAgentMayNot()
    {
        var (forgotten, customer) = await ChatAsync(_app, "please forget me");
        var (kept, _) = await ChatAsync(_app, "keep me");
        var agent = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");
        var supervisor = await AgentTestClient.SignInAsync(_app.BaseUrl, "sam");
        await WaitArchivedAsync(_app, agent, $"customer={customer}");
        await _app.Client.SayAsync(forgotten, "and this, still live");

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(_app, agent, HttpMethod.Delete, $"/agent/api/customers/{customer}")).StatusCode);
        await AssertErrorAsync(await SendAsync(_app, supervisor, HttpMethod.Delete, "/agent/api/customers/%20%20"), 400, "BadArgument");
        var answer = await ReadObjectAsync(await SendAsync(_app, supervisor, HttpMethod.Delete, $"/agent/api/customers/{customer}"));

        Assert.Equal([forgotten.Id], answer["archivedConversations"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([forgotten.Id], answer["liveConversations"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Null(await _app.Services.GetRequiredService<IConversationLog>().GetAsync(forgotten.Id));
        await AssertErrorAsync(await GetAsync(_app, agent, $"/agent/api/history/{forgotten.Id}"), 404, "NotFound");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, agent, $"/agent/api/history/{kept.Id}")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a few worker passes: nothing of the customer comes back
        Assert.Empty((await ReadObjectAsync(await GetAsync(_app, agent, $"/agent/api/history?customer={customer}")))["conversations"]!.AsArray());
    }

    /// <summary>A conversation of its own customer, with one message answered by the bot; returns it and its user id.</summary>
    public static async Task<(Conversation Conversation, string Customer)> ChatAsync(TestApp app, string text)
    {
        var conversation = await app.Client.StartAsync();
        var id = await app.Client.SayAsync(conversation, text);
        await app.Client.WaitForReplyAsync(conversation, id);
        var record = await app.Services.GetRequiredService<IConversationLog>().GetAsync(conversation.Id);
        return (conversation, record!.UserId);
    }

    public static async Task<JsonArray> WaitArchivedAsync(TestApp app, string token, string query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = (await ReadObjectAsync(await GetAsync(app, token, $"/agent/api/history?{query}")))["conversations"]!.AsArray();
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(200);
        }
    }

    public static Task<HttpResponseMessage> GetAsync(TestApp app, string? token, string path) => SendAsync(app, token, HttpMethod.Get, path);

    private static Task<HttpResponseMessage> SendAsync(TestApp app, string? token, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return app.Client.Http.SendAsync(request);
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Handoff.Agents;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Insights;

/// <summary>
/// A scripted day at the desk through the real server with Redis: customers on Direct Line, agents on the hub, the
/// archive worker filling the archive as it runs; then the summary a supervisor reads, checked figure by figure.
/// </summary>
public sealed class InsightsDayServerTests : IAsyncLifetime
{
    private TestApp? _app;
    private string _sam = null!;

    public ValueTask InitializeAsync()
    {
        RedisTestServer.Connect();
        return ValueTask.CompletedTask;
    }

    private async Task StartAsync(bool postgres)
    {
        var settings = new Dictionary<string, string?>(AgentTestClient.Accounts(2))
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
            ["Handoff:Enabled"] = "true",
            ["Handoff:SurveyNps"] = "true",
            ["Agents:Accounts:2:Id"] = "sam",
            ["Agents:Accounts:2:Name"] = "Sam",
            ["Agents:Accounts:2:PasswordHash"] = PasswordHasher.Hash(AgentTestClient.Password),
            ["Agents:Accounts:2:Roles:0"] = "supervisor",
        };
        if (postgres)
        {
            settings["Archive:ConnectionString"] = PostgresTestServer.IsolatedConnectionString();
        }

        _app = await TestApp.StartAsync(settings);
        _sam = await AgentTestClient.SignInAsync(_app!.BaseUrl, "sam");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryFigureOfTheSummaryCountsTheScriptedDayExactlyOnSqliteAndPostgres(bool postgres)
    {
        await StartAsync(postgres);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        await using (var anna = await AgentTestClient.ConnectAsync(_app!.BaseUrl, "agent-01"))
        await using (var ben = await AgentTestClient.ConnectAsync(_app!.BaseUrl, "agent-02"))
        {
            // 1. The bot answers, and the customer says it helped.
            var answered = await Chat("answered");
            await answered.ClicksTopicAsync("order_status", "Where is my order?");
            await answered.SaysAsync("ORD-10002");
            await answered.ClicksAsync("Yes");

            // 2. The bot does not understand and the customer gives up.
            var lost = await Chat("lost");
            await lost.SaysAsync("qwzx vlorp ttrm");

            // 3. Asked for a person; Anna takes it, answers, closes it; rated 5, would recommend 9.
            var happy = await Chat("happy");
            await happy.SaysAsync("agent");
            await HandleAsync(anna, happy);
            await RateAsync(happy, "5", "9");

            // 4. An angry customer; Ben takes it and closes it; rated 2, would recommend 3.
            var angry = await Chat("angry");
            await angry.SaysAsync("this is useless");
            await HandleAsync(ben, angry);
            await RateAsync(angry, "2", "3");

            // 5. Asked for a person, then left the queue.
            var impatient = await Chat("impatient");
            await impatient.SaysAsync("agent");
            await impatient.SaysAsync("cancel");

            // 6. A customer the bot answered, back the same day with the same problem.
            var first = await Chat("returning");
            await first.ClicksTopicAsync("order_status", "Where is my order?");
            await first.SaysAsync("ORD-10002");
            var again = await Chat("returning");
            await again.ClicksTopicAsync("order_status", "Where is my order?");
            await again.SaysAsync("ORD-10002");
        }

        var summary = await SummaryAfterAsync(today, 7);

        Assert.Equal((7, 7), (Int(summary, "conversations"), Int(summary, "engaged")));
        Assert.Equal((3, 2), (Int(summary, "escalated"), Int(summary["handoffs"]!, "resolved")));
        // Kept by the bot: answered, lost, both of "returning" → naive 4 of 7; contained: answered and the second
        // "returning" only (lost was misunderstood, the first "returning" came back) → 2 of 7.
        Assert.Equal((4, 57.1), (Int(summary, "naiveContained"), Num(summary, "naiveContainmentRate")));
        Assert.Equal((2, 28.6), (Int(summary, "contained"), Num(summary, "containmentRate")));
        Assert.Equal((3, 1, 1), (Int(summary["notContained"]!, "handedOff"), Int(summary["notContained"]!, "abandoned"), Int(summary["notContained"]!, "cameBack")));
        Assert.Equal(new Dictionary<string, int> { ["angry_phrase"] = 1, ["customer_request"] = 2 },
            summary["escalationsByReason"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));
        Assert.Equal((3, 2, 1, 33.3), (Int(summary["handoffs"]!, "requested"), Int(summary["handoffs"]!, "pickedUp"),
            Int(summary["handoffs"]!, "abandoned"), Num(summary["handoffs"]!, "queueAbandonmentRate")));
        Assert.Equal(66.7, Num(summary, "resolutionRate")); // 2 closed of 3 ended
        Assert.Equal((2, 50.0, 3.5, 100.0), (Int(summary["csat"]!, "responses"), Num(summary["csat"]!, "satisfiedRate"),
            Num(summary["csat"]!, "mean"), Num(summary["csat"]!, "responseRate")));
        Assert.Equal((2, 0.0, 1, 1), (Int(summary["nps"]!, "responses"), Num(summary["nps"]!, "score"),
            Int(summary["nps"]!, "promoters"), Int(summary["nps"]!, "detractors")));
        foreach (var timed in new[] { "pickupSeconds", "firstResponseSeconds", "botFirstResponseSeconds" })
        {
            // Real time: only that each was measured, and within the minute this test takes.
            Assert.InRange(Num(summary[timed]!, "p50"), 0, 60);
            Assert.InRange(Num(summary[timed]!, "p90"), Num(summary[timed]!, "p50"), 60);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private Task<CustomerChat> Chat(string customer) => CustomerChat.StartAsync(_app!.Client, "en-US", customer);

    private static async Task HandleAsync(AgentTestClient agent, CustomerChat chat)
    {
        await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);
        await agent.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "Hello, I can help with that.");
        await agent.Hub.InvokeAsync("Close", chat.Conversation.Id, "order_status", Array.Empty<string>(), null);
    }

    private static async Task RateAsync(CustomerChat chat, string rating, string nps)
    {
        await chat.WaitForAsync(a => a["suggestedActions"] is not null, "the survey");
        await chat.ClicksAsync(rating);
        await chat.ClicksAsync(nps);
        await chat.SaysAsync("no");
    }

    // The worker archives within a sweep of the last message; the summary reads only the archive.
    private async Task<JsonObject> SummaryAfterAsync(string day, int conversations)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonObject summary;
        do
        {
            await Task.Delay(200);
            summary = await ReadObjectAsync(await _app!.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?from={day}&to={day}", _sam));
        }
        while ((Int(summary, "conversations") < conversations || Int(summary["csat"]!, "responses") < 2) && DateTime.UtcNow < deadline);

        await Task.Delay(1500); // one more sweep, so the last answers are in
        return await ReadObjectAsync(await _app!.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?from={day}&to={day}", _sam));
    }

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static double Num(JsonNode node, string name) => node[name]!.GetValue<double>();
}

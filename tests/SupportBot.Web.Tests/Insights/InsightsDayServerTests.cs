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
    // Whole seconds, ten minutes back: every stamp is exact, and no token is issued in the future of the real clock.
    private readonly SteppedClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()));
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
            ["Agents:PresenceTimeout"] = "01:00:00", // the clock jumps ahead of the heartbeats
        };
        if (postgres)
        {
            settings["Archive:ConnectionString"] = PostgresTestServer.IsolatedConnectionString();
        }

        _app = await TestApp.StartAsync(settings, services => services.AddSingleton<TimeProvider>(_clock));
        _sam = await AgentTestClient.SignInAsync(_app!.BaseUrl, "sam");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryFigureOfTheSummaryCountsTheScriptedDayExactlyOnSqliteAndPostgres(bool postgres)
    {
        await StartAsync(postgres);
        var firstDay = _clock.GetUtcNow().ToString("yyyy-MM-dd");
        await using (var anna = await AgentTestClient.ConnectAsync(_app!.BaseUrl, "agent-01"))
        await using (var ben = await AgentTestClient.ConnectAsync(_app!.BaseUrl, "agent-02"))
        {
            // Every customer action comes a second after the last thing anyone did, so it is stamped on the second.
            // 1. The bot answers, and the customer says it helped.
            var answered = await Chat("answered");
            await Step(() => answered.ClicksTopicAsync("order_status", "Where is my order?"));
            await Step(() => answered.SaysAsync("ORD-10002"));
            await Step(() => answered.ClicksAsync("Yes"));

            // 2. The bot does not understand and the customer gives up.
            var lost = await Chat("lost");
            await Step(() => lost.SaysAsync("qwzx vlorp ttrm"));

            // 3. Asked for a person; Anna takes it 20 s later, answers 15 s after that, closes it 40 s later; rated 5, would recommend 9.
            var happy = await Chat("happy");
            await Step(() => happy.SaysAsync("agent"));
            await HandleAsync(anna, happy, pickup: 20, firstResponse: 15, rest: 40);
            await RateAsync(happy, "5", "9");

            // 4. An angry customer; Ben takes it 40 s later, answers in 5 s, closes it 25 s later; rated 2, would recommend 3.
            var angry = await Chat("angry");
            await Step(() => angry.SaysAsync("this is useless"));
            await HandleAsync(ben, angry, pickup: 40, firstResponse: 5, rest: 25);
            await RateAsync(angry, "2", "3");

            // 5. Asked for a person, then left the queue.
            var impatient = await Chat("impatient");
            await Step(() => impatient.SaysAsync("agent"));
            await Step(() => impatient.SaysAsync("cancel"));

            // 6. A customer the bot answered, back the same day with the same problem.
            var first = await Chat("returning");
            await Step(() => first.ClicksTopicAsync("order_status", "Where is my order?"));
            await Step(() => first.SaysAsync("ORD-10002"));
            var again = await Chat("returning");
            await Step(() => again.ClicksTopicAsync("order_status", "Where is my order?"));
            await Step(() => again.SaysAsync("ORD-10002"));
        }

        _clock.AdvanceSeconds(60); // past every stamp, so the archive worker (settle 0) takes every conversation
        var summary = await SummaryAfterAsync(firstDay, _clock.GetUtcNow().ToString("yyyy-MM-dd"), 7);

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

        // The times, to the millisecond. The clock stands still within a turn, and each activity after the first is
        // stamped 1 ms after the one before. A hand-off is queued by the bot's handoff.initiate event, 1 ms after
        // the customer's message: pickups of 19.999 s and 39.999 s (from the customer's message they would be 20 and
        // 40). Percentiles of two values interpolate: p50 the middle, p90 nine tenths of the way.
        Assert.Equal((29.999, 37.999), (Num(summary["pickupSeconds"]!, "p50"), Num(summary["pickupSeconds"]!, "p90")));
        // The agent's first message 15 s and 5 s after the pickup; closed 55 s and 30 s after it.
        Assert.Equal((10.0, 14.0), (Num(summary["firstResponseSeconds"]!, "p50"), Num(summary["firstResponseSeconds"]!, "p90")));
        Assert.Equal((42.5, 52.5, 42.5), (Num(summary["handleSeconds"]!, "p50"), Num(summary["handleSeconds"]!, "p90"), Num(summary["handleSeconds"]!, "mean")));
        // The bot answers in the customer's own turn: 1 ms after the first message in the four conversations that began
        // with a question, 2 ms after "agent" or the angry message (the handoff.initiate event comes between):
        // 1, 1, 1, 1, 2, 2, 2 ms → p50 1 ms, p90 2 ms.
        Assert.Equal((0.001, 0.002), (Num(summary["botFirstResponseSeconds"]!, "p50"), Num(summary["botFirstResponseSeconds"]!, "p90")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<CustomerChat> Chat(string customer)
    {
        _clock.AdvanceSeconds(1);
        return await CustomerChat.StartAsync(_app!.Client, "en-US", customer);
    }

    private async Task Step(Func<Task> action)
    {
        _clock.AdvanceSeconds(1);
        await action();
    }

    private async Task HandleAsync(AgentTestClient agent, CustomerChat chat, double pickup, double firstResponse, double rest)
    {
        _clock.AdvanceSeconds(pickup);
        await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);
        _clock.AdvanceSeconds(firstResponse);
        await agent.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "Hello, I can help with that.");
        _clock.AdvanceSeconds(rest);
        await agent.Hub.InvokeAsync("Close", chat.Conversation.Id, "order_status", Array.Empty<string>(), null);
    }

    private async Task RateAsync(CustomerChat chat, string rating, string nps)
    {
        await chat.WaitForAsync(a => a["suggestedActions"] is not null, "the survey");
        await Step(() => chat.ClicksAsync(rating));
        await Step(() => chat.ClicksAsync(nps));
        await Step(() => chat.SaysAsync("no"));
    }

    // The worker archives within a sweep of the last message; the summary reads only the archive.
    private async Task<JsonObject> SummaryAfterAsync(string from, string to, int conversations)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonObject summary;
        do
        {
            await Task.Delay(200);
            summary = await ReadObjectAsync(await _app!.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?from={from}&to={to}", _sam));
        }
        while ((Int(summary, "conversations") < conversations || Int(summary["csat"]!, "responses") < 2) && DateTime.UtcNow < deadline);

        await Task.Delay(1500); // one more sweep, so the last answers are in
        return await ReadObjectAsync(await _app!.Client.SendAsync(HttpMethod.Get, $"/api/insights/summary?from={from}&to={to}", _sam));
    }

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static double Num(JsonNode node, string name) => node[name]!.GetValue<double>();
}

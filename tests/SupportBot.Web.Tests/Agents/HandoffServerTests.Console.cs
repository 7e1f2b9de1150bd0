using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>What the console shows around a chat: who the customer is, whom it can go to, how it was rated.</summary>
public sealed partial class HandoffServerTests
{
    [Fact]
    public async Task AClaimedChatTellsTheAgentWhereAndWhenTheCustomerIsWriting()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await CustomerChat.StartAsync(_app.Client, "en-US");
        var first = new JsonObject
        {
            ["type"] = "message",
            ["text"] = "hello",
            ["locale"] = "en-US",
            ["localTimezone"] = "Asia/Bangkok",
            ["localTimestamp"] = "2026-12-03T23:10:00+07:00",
            ["from"] = new JsonObject { ["id"] = "ignored" },
            ["channelData"] = new JsonObject
            {
                ["clientActivityID"] = "c1",
                ["page"] = "https://shop.example/orders?id=7",
                ["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0 Safari/537.36",
            },
        };
        Assert.True((await _app.Client.PostActivityAsync(chat.Conversation, first.ToJsonString())).IsSuccessStatusCode);
        await chat.SaysAsync("agent");

        var view = await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);

        Assert.Equal("https://shop.example/orders?id=7", view.Customer.Page);
        Assert.Contains("Chrome/140", view.Customer.UserAgent);
        Assert.Equal(("Asia/Bangkok", 420), (view.Customer.TimeZone, view.Customer.UtcOffsetMinutes));
        Assert.Equal(("en", "directline"), (view.Customer.Language, view.Customer.Channel));
    }

    [Fact]
    public async Task TransferListsOnlyColleaguesWhoAreOnlineAvailableAndHaveRoom()
    {
        await using var app = await StartAsync(AgentTestClient.Accounts(5, capacity: 1));
        await using var owner = await ConnectAsync(app.BaseUrl, "agent-01");
        await using var free = await ConnectAsync(app.BaseUrl, "agent-02");
        await using var away = await ConnectAsync(app.BaseUrl, "agent-04");
        await using var busy = await ConnectAsync(app.BaseUrl, "agent-05");
        await away.Hub.InvokeAsync("SetStatus", "away");
        var other = await CustomerChat.StartAsync(app.Client, "en-US");
        await other.SaysAsync("agent");
        await busy.Hub.InvokeAsync<ChatView>("Claim", other.Conversation.Id);
        var chat = await CustomerChat.StartAsync(app.Client, "en-US");
        await chat.SaysAsync("agent");
        await owner.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);

        var targets = await owner.Hub.InvokeAsync<AgentSummary[]>("TransferTargets", chat.Conversation.Id);

        // agent-03 never signed in, agent-04 is away, agent-05 has no room: only agent-02 can take it.
        Assert.Equal(["agent-02"], targets.Select(t => t.Id));
    }

    [Fact]
    public async Task AClosedChatStaysInTheAgentsRecentChatsWithTheCustomersRating()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await EscalateAndClaimAsync(agent);
        await agent.Hub.InvokeAsync("Close", chat.Conversation.Id, "missing_package", Array.Empty<string>(), null);
        await chat.WaitForAsync(a => a["suggestedActions"] is not null, "the survey");
        await chat.ClicksAsync("4");
        await NextAsync(agent.Surveys, "the rating");

        var recent = await agent.Hub.InvokeAsync<IReadOnlyList<RecentChat>>("Recent");

        var closed = Assert.Single(recent, r => r.ConversationId == chat.Conversation.Id);
        Assert.Equal(("closed", "missing_package", 4), (closed.Stage, closed.Intent, closed.Survey?.Rating));
        await using var colleague = await ConnectAsync(_app.BaseUrl, "agent-02");
        Assert.DoesNotContain(await colleague.Hub.InvokeAsync<IReadOnlyList<RecentChat>>("Recent"), r => r.ConversationId == chat.Conversation.Id);
    }
}

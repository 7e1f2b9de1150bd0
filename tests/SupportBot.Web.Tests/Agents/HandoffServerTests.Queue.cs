using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Agents;

public sealed partial class HandoffServerTests
{
    [Fact]
    public async Task WithAutoAssignmentTheLeastBusyAgentWhoSpeaksTheLanguageGetsTheChat()
    {
        var settings = new Dictionary<string, string?>(AgentTestClient.Accounts(2, capacity: 3, languages: "en"))
        {
            ["Handoff:AutoAssign"] = "true",
        };
        foreach (var (key, value) in AgentTestClient.Accounts(1, languages: "th", firstIndex: 2, prefix: "thai"))
        {
            settings[key] = value;
        }

        await using var app = await StartAsync(settings);
        await using var busy = await ConnectAsync(app.BaseUrl, "agent-01");
        await using var thai = await ConnectAsync(app.BaseUrl, "thai-01");
        var first = await CustomerChat.StartAsync(app.Client, "en-US");
        await first.SaysAsync("agent");
        await NextAsync(busy.Assigned, "the first chat");
        await using var free = await ConnectAsync(app.BaseUrl, "agent-02");

        var second = await CustomerChat.StartAsync(app.Client, "en-US");
        await second.SaysAsync("agent");

        var assigned = await NextAsync(free.Assigned, "the second chat");
        Assert.Equal(second.Conversation.Id, assigned.ConversationId);
        Assert.Equal(0, thai.Assigned.Reader.Count);
    }

    [Fact]
    public async Task TheQueueTellsWaitingCustomersTheirPlaceAsItMoves()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var ahead = await CustomerChat.StartAsync(_app.Client, "en-US");
        var behind = await CustomerChat.StartAsync(_app.Client, "en-US");
        await ahead.SaysAsync("agent");
        Assert.Contains("number 2", (await behind.SaysAsync("agent")).Last());

        await agent.Hub.InvokeAsync<ChatView>("Claim", ahead.Conversation.Id);

        await behind.WaitForAsync(a => Text(a)?.Contains("number 1", StringComparison.Ordinal) == true, "the queue moving up");
    }

    [Fact]
    public async Task AnAgentCannotTakeAChatInALanguageTheyDoNotHandle()
    {
        var settings = new Dictionary<string, string?>(AgentTestClient.Accounts(1, languages: "th"));
        await using var app = await StartAsync(settings);
        await using var thai = await ConnectAsync(app.BaseUrl, "agent-01");
        var english = await CustomerChat.StartAsync(app.Client, "en-US");
        var thaiCustomer = await CustomerChat.StartAsync(app.Client, "th-TH");

        Assert.Equal(_noAgents, (await english.SaysAsync("agent")).First()); // nobody online speaks English
        await thaiCustomer.SaysAsync("เจ้าหน้าที่");

        var refused = await Assert.ThrowsAsync<HubException>(() => thai.Hub.InvokeAsync<ChatView>("Open", english.Conversation.Id));
        Assert.Contains("not_found:", refused.Message);
        Assert.Equal(thaiCustomer.Conversation.Id, (await thai.Hub.InvokeAsync<ChatView>("Claim", thaiCustomer.Conversation.Id)).ConversationId);
    }

    [Fact]
    public async Task AnAngryCustomerIsServedBeforeOneWhoAskedEarlier()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var calm = await CustomerChat.StartAsync(_app.Client, "en-US");
        var angry = await CustomerChat.StartAsync(_app.Client, "en-US");
        await calm.SaysAsync("agent");
        Assert.Contains("number 1", (await angry.SaysAsync("this is useless")).Last());

        var queue = await agent.Hub.InvokeAsync<IReadOnlyList<QueueItem>>("Queue");

        Assert.Equal([angry.Conversation.Id, calm.Conversation.Id], queue.Select(q => q.ConversationId));
        Assert.Equal(["angry_phrase", "customer_request"], queue.Select(q => q.Reason));
        await calm.WaitForAsync(a => a["text"]?.GetValue<string>().Contains("number 2", StringComparison.Ordinal) == true, "being moved back behind a priority chat");
    }

    [Fact]
    public async Task ChatsOfAnAgentWhoStaysGoneGoBackToTheQueue()
    {
        var settings = new Dictionary<string, string?>(AgentTestClient.Accounts(1))
        {
            ["Agents:HeartbeatInterval"] = "00:00:01",
            ["Agents:PresenceTimeout"] = "00:00:02",
        };
        await using var app = await StartAsync(settings);
        var agent = await ConnectAsync(app.BaseUrl, "agent-01");
        var chat = await CustomerChat.StartAsync(app.Client, "en-US");
        await chat.SaysAsync("agent");
        await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);

        await agent.DisposeAsync(); // the laptop lid closes

        await chat.WaitForAsync(a => Text(a)?.Contains("number 1", StringComparison.Ordinal) == true && Text(a)?.Contains("now", StringComparison.OrdinalIgnoreCase) == true, "being put back in the queue");
        var record = await app.Services.GetRequiredService<IHandoffStore>().GetAsync(chat.Conversation.Id);
        Assert.Equal((HandoffStage.Queued, null), (record!.Stage, record.AgentId));
    }

    [Fact]
    public async Task AWaitPastTheLimitFailsTheHandoffAndOffersToLeaveAMessage()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>(AgentTestClient.Accounts(1)) { ["Handoff:MaxQueueWait"] = "00:00:01" });
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");
        var chat = await CustomerChat.StartAsync(app.Client, "en-US");
        await chat.SaysAsync("agent");

        var status = await chat.WaitForAsync(a => a["name"]?.GetValue<string>() == HandoffEventNames.HandoffStatus, "the failed status");
        Assert.Equal(HandoffStates.Failed, status["value"]!["state"]!.GetValue<string>());
        var offer = await chat.WaitForAsync(a => a["suggestedActions"] is not null, "the offer to leave a message");
        Assert.Contains("message", offer["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var record = await app.Services.GetRequiredService<IHandoffStore>().GetAsync(chat.Conversation.Id);
        Assert.Equal(HandoffStage.Abandoned, record!.Stage);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

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
    public async Task CustomerAndAgentChatBothWaysWhileTheBotStaysSilent()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await CustomerChat.StartAsync(_app.Client, "en-US");
        await chat.SaysAsync("where is my order ORD-10002");
        var queued = await chat.SaysAsync("agent");
        Assert.Contains("number 1", queued.Last());

        var escalation = await NextAsync(agent.Escalations, "the escalation");
        Assert.Equal((chat.Conversation.Id, HandoffReasons.CustomerRequest), (escalation.ConversationId, escalation.Reason));
        var view = await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);
        Assert.Contains(view.Transcript, e => e.Sender == "customer" && e.Text == "where is my order ORD-10002" && e.Intent == "order_status");
        Assert.Contains(view.Transcript, e => e.Sender == "bot");
        Assert.Equal("ORD-10002", view.Context.Slots["orderNumber"]);
        await chat.WaitForAsync(a => Text(a)?.Contains("Agent 1") == true, "the agent joining");

        var silence = await chat.SaysAsync("it was due on Monday");
        var (conversationId, entry) = await NextAsync(agent.CustomerMessages, "the customer's message");
        Assert.Empty(silence);
        Assert.Equal((chat.Conversation.Id, "it was due on Monday", "customer"), (conversationId, entry.Text, entry.Sender));

        await agent.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "Let me check that for you.");
        var fromAgent = await chat.WaitForAsync(a => Text(a) == "Let me check that for you.", "the agent's message");
        Assert.Equal(("agent:agent-01", "Agent 1"), (fromAgent["from"]!["id"]!.GetValue<string>(), fromAgent["from"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TypingGoesBothWays()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await EscalateAndClaimAsync(agent);

        await _app.Client.PostActivityAsync(chat.Conversation, """{"type":"typing","from":{"id":"customer"}}""");
        await agent.Hub.InvokeAsync("Typing", chat.Conversation.Id);

        Assert.Equal(chat.Conversation.Id, await NextAsync(agent.CustomerTyping, "the customer typing"));
        await chat.WaitForAsync(a => a["type"]!.GetValue<string>() == "typing" && a["from"]!["id"]!.GetValue<string>() == "agent:agent-01", "the agent typing");
    }

    [Fact]
    public async Task InternalNotesNeverReachTheCustomer()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await EscalateAndClaimAsync(agent);

        await agent.Hub.InvokeAsync<AgentNote>("Note", chat.Conversation.Id, "customer sounds upset, offer voucher");
        await agent.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "Thanks for waiting.");
        await chat.WaitForAsync(a => Text(a) == "Thanks for waiting.", "the agent's message");

        Assert.DoesNotContain(await chat.AllAsync(), a => a.ToJsonString().Contains("voucher", StringComparison.Ordinal));
        var view = await agent.Hub.InvokeAsync<ChatView>("Open", chat.Conversation.Id);
        Assert.Equal("customer sounds upset, offer voucher", Assert.Single(view.Notes).Text);
    }

    [Fact]
    public async Task AnAgentActingOnAConversationItDoesNotOwnGetsAnError()
    {
        await using var owner = await ConnectAsync(_app.BaseUrl, "agent-01");
        await using var other = await ConnectAsync(_app.BaseUrl, "agent-02");
        var chat = await EscalateAndClaimAsync(owner);

        var send = await Assert.ThrowsAsync<HubException>(() => other.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "hi"));
        var close = await Assert.ThrowsAsync<HubException>(() => other.Hub.InvokeAsync("Close", chat.Conversation.Id, "order_status", Array.Empty<string>(), null));
        var transfer = await Assert.ThrowsAsync<HubException>(() => other.Hub.InvokeAsync("Transfer", chat.Conversation.Id, "agent-02"));
        var unknown = await Assert.ThrowsAsync<HubException>(() => other.Hub.InvokeAsync<ChatView>("Claim", "no-such-conversation"));

        Assert.All([send, close, transfer], e => Assert.Contains("not_owner:", e.Message));
        Assert.Contains("not_found:", unknown.Message);
        Assert.DoesNotContain(await chat.AllAsync(), a => Text(a) == "hi");
    }

    [Fact]
    public async Task BadArgumentsFromAnAgentAreRefusedWithACodeAndChangeNothing()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await EscalateAndClaimAsync(agent);
        var before = (await chat.AllAsync()).Count;

        var empty = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "   "));
        var huge = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, new string('x', 5000)));
        var status = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync("SetStatus", "asleep"));
        var tags = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync("Close", chat.Conversation.Id, "warranty", Enumerable.Range(0, 11).Select(i => $"t{i}").ToArray(), null));
        var self = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync("Transfer", chat.Conversation.Id, "agent-01"));

        Assert.Contains("invalid_text:", empty.Message);
        Assert.Contains("invalid_text:", huge.Message);
        Assert.Contains("invalid_status:", status.Message);
        Assert.Contains("invalid_resolution:", tags.Message);
        Assert.Contains("invalid_target:", self.Message);
        Assert.Equal(before, (await chat.AllAsync()).Count);
        Assert.Equal(HandoffStage.Assigned, (await _app.Services.GetRequiredService<IHandoffStore>().GetAsync(chat.Conversation.Id))!.Stage);
    }
}

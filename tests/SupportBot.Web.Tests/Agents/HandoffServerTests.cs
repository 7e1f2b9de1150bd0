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

/// <summary>The whole hand-off on a server with Redis: agents on the real SignalR client, customers on Direct Line.</summary>
public sealed class HandoffServerTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        RedisTestServer.Connect();
        _app = await StartAsync();
    }

    [Fact]
    public async Task OfFiftyAgentsClaimingOneConversationAtOnceExactlyOneWins()
    {
        await using var app = await StartAsync(AccountsWithLanguages(50));
        var agents = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => ConnectAsync(app.BaseUrl, $"agent-{i:D2}")));
        var chat = await CustomerChat.StartAsync(app.Client, "en-US");
        await chat.SaysAsync("agent");

        using var start = new SemaphoreSlim(0);
        var claims = agents.Select(async agent =>
        {
            await start.WaitAsync();
            try
            {
                return (agent.Id, View: await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id), Error: (string?)null);
            }
            catch (HubException e)
            {
                return (agent.Id, View: (ChatView?)null, Error: e.Message);
            }
        }).ToList();
        start.Release(agents.Length);
        var results = await Task.WhenAll(claims);

        var winner = Assert.Single(results, r => r.View is not null);
        Assert.All(results.Where(r => r.View is null), r => Assert.Contains("taken:", r.Error));
        Assert.Equal(winner.Id, winner.View!.AgentId);
        var record = await app.Services.GetRequiredService<IHandoffStore>().GetAsync(chat.Conversation.Id);
        Assert.Equal((HandoffStage.Assigned, winner.Id), (record!.Stage, record.AgentId));
        await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
    }

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

    [Fact]
    public async Task ClosingWithAResolutionGivesTheCustomerTheSurveyAndTheAgentTheRating()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await EscalateAndClaimAsync(agent);

        var badIntent = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync("Close", chat.Conversation.Id, "not_an_intent", Array.Empty<string>(), null));
        Assert.Contains("invalid_intent:", badIntent.Message);
        await agent.Hub.InvokeAsync("Close", chat.Conversation.Id, "missing_package", new[] { "carrier", "refund" }, "DHL lost it");

        var survey = await chat.WaitForAsync(a => a["suggestedActions"] is not null, "the survey");
        Assert.Equal(["1", "2", "3", "4", "5"], survey["suggestedActions"]!["actions"]!.AsArray().Select(b => b!["title"]!.GetValue<string>()));
        await chat.ClicksAsync("5");
        var (_, rating) = await NextAsync(agent.Surveys, "the rating");
        Assert.Equal(5, rating.Rating);
        var record = await _app.Services.GetRequiredService<IHandoffStore>().GetAsync(chat.Conversation.Id);
        Assert.Equal(HandoffStage.Closed, record!.Stage);
        Assert.Equal(("missing_package", "DHL lost it"), (record.Resolution!.Intent, record.Resolution.Note));
        Assert.Equal(["carrier", "refund"], record.Resolution.Tags);
    }

    [Fact]
    public async Task ReturnedToTheBotTheBotAnswersAgainStartingTheTopicTheAgentChose()
    {
        await using var agent = await ConnectAsync(_app.BaseUrl, "agent-01");
        var chat = await EscalateAndClaimAsync(agent);

        await agent.Hub.InvokeAsync("ReturnToBot", chat.Conversation.Id, "order_status");

        await chat.WaitForAsync(a => Text(a)?.Contains("ORD-12345", StringComparison.Ordinal) == true, "the bot asking for the order number");
        var answer = await chat.SaysAsync("ORD-10002");
        Assert.Contains(answer, t => t.Contains("KEXBK0042718365", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATransferredChatMovesToTheOtherAgentAndTheCustomerIsTold()
    {
        await using var first = await ConnectAsync(_app.BaseUrl, "agent-01");
        await using var second = await ConnectAsync(_app.BaseUrl, "agent-02");
        var chat = await EscalateAndClaimAsync(first);

        await first.Hub.InvokeAsync("Transfer", chat.Conversation.Id, "agent-02");

        var assigned = await NextAsync(second.Assigned, "the transferred chat");
        Assert.Equal(("agent-02", chat.Conversation.Id), (assigned.AgentId, assigned.ConversationId));
        await chat.WaitForAsync(a => Text(a)?.Contains("Agent 2", StringComparison.Ordinal) == true, "the second agent joining");
        await chat.SaysAsync("hello again");
        Assert.Equal("hello again", (await NextAsync(second.CustomerMessages, "the message after the transfer")).Entry.Text);
    }

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

    private static readonly string _noAgents = SupportBot.Dialogs.DialogLoader.Load(RepositoryPaths.Dialogs, SupportBot.Dialogs.DialogActions.Descriptors)
        .Message(HandoffMessages.NoAgents, "en");

    private async Task<CustomerChat> EscalateAndClaimAsync(AgentTestClient agent)
    {
        var chat = await CustomerChat.StartAsync(_app.Client, "en-US");
        await chat.SaysAsync("agent");
        await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);
        await chat.WaitForAsync(a => Text(a)?.Contains("joined", StringComparison.Ordinal) == true, "the agent joining");
        return chat;
    }

    private static string? Text(JsonObject activity) =>
        activity["type"]!.GetValue<string>() == "message" ? activity["text"]?.GetValue<string>() : null;

    private static Dictionary<string, string?> AccountsWithLanguages(int count) => AgentTestClient.Accounts(count);

    private static Task<TestApp> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? AgentTestClient.Accounts(2))
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
            ["Handoff:Enabled"] = "true",
        };
        return TestApp.StartAsync(all);
    }
}

using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Conversations;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.BotFramework;

/// <summary>A Teams customer handed off to an agent on the real SignalR client, on a server with Redis.</summary>
public sealed class BotFrameworkHandoffServerTests
{
    [Fact]
    public async Task ATeamsCustomerIsServedByAnAgentWhoseMessagesAndTypingReachThemThroughTheConnector()
    {
        RedisTestServer.Connect();
        await using var connector = await LocalConnector.StartAsync();
        var settings = new Dictionary<string, string?>(Accounts(1))
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
            ["Handoff:Enabled"] = "true",
            ["Bot:ConnectorRetryDelay"] = "00:00:00.050",
        };
        await using var app = await TestApp.StartAsync(settings);
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");
        var id = ChannelConversationIds.For("msteams", "19:handoff-chat");

        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "19:handoff-chat", "I want to talk to a human agent", channelId: "msteams"));
        var initiate = await connector.NextAsync(a => a["name"]?.GetValue<string>() == "handoff.initiate");
        var escalated = await NextAsync(agent.Escalations, "the escalation", q => q.ConversationId == id);
        var view = await agent.Hub.InvokeAsync<ChatView>("Claim", id);
        await connector.NextAsync(a => a["text"]?.GetValue<string>()?.Contains("joined", StringComparison.Ordinal) == true);
        await agent.Hub.InvokeAsync("Typing", id);
        await agent.Hub.InvokeAsync<TranscriptEntry>("Send", id, "Hi, I'm here to help.");
        var typing = await connector.NextAsync(a => a["type"]!.GetValue<string>() == "typing");
        var (path, _, message) = await connector.NextAsync(a => a["text"]?.GetValue<string>() == "Hi, I'm here to help.");

        Assert.Equal("19:handoff-chat", initiate.Activity["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("msteams", view.Channel);
        Assert.Equal("msteams", escalated.Channel);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString("19:handoff-chat")}/activities", path); // proactive: no reply target
        Assert.Equal("Agent 1", message["from"]!["name"]!.GetValue<string>());
        Assert.Equal(ChannelActivity.BotId, message["from"]!["id"]!.GetValue<string>());
        Assert.Equal("19:handoff-chat", typing.Activity["conversation"]!["id"]!.GetValue<string>());

        // The customer's answer reaches the agent, as a widget customer's would.
        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "19:handoff-chat", "my parcel never came", channelId: "msteams"));
        var (conversationId, entry) = await NextAsync(agent.CustomerMessages, "the customer's message");
        Assert.Equal((id, "my parcel never came"), (conversationId, entry.Text));
    }

    [Fact]
    public async Task AConversationReferenceIsKeptInRedisForTheConversationsLifetime()
    {
        RedisTestServer.Connect();
        var keys = new SupportBot.Redis.RedisKeys(RedisTestServer.UniquePrefix());
        var options = Microsoft.Extensions.Options.Options.Create(new ConversationOptions { Ttl = TimeSpan.FromMinutes(5) });
        var store = new RedisConversationReferences(RedisTestServer.Connect(), keys, options);
        var reference = new ConversationReference(
            "msteams", "https://smba.trafficmanager.net/emea/", new SupportBot.Schema.ConversationAccount("19:abc"),
            new("28:bot", "SupportBot"), new("29:user", "Dana"), "1700000000", "en-GB", Authenticated: true);

        await store.SaveAsync("msteams-abc", reference);
        var read = await store.GetAsync("msteams-abc");
        var ttl = await RedisTestServer.Connect().GetDatabase().KeyTimeToLiveAsync(keys.ConversationReference("msteams-abc"));

        Assert.Equal(("msteams", "https://smba.trafficmanager.net/emea/", "19:abc", "28:bot", "29:user", "1700000000", true),
            (read!.ChannelId, read.ServiceUrl, read.Conversation.Id, read.Bot.Id, read.User.Id, read.ActivityId, read.Authenticated));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.Null(await store.GetAsync("msteams-other"));
    }
}

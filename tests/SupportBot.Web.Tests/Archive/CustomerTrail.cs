using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Conversations;
using SupportBot.Handoff.Tickets;
using SupportBot.Schema;
using SupportBot.State;
using SupportBot.Tests.DirectLine;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Archive;

/// <summary>What one customer left behind at the desk, for the forgetting tests: where to look for it afterwards.</summary>
public sealed record CustomerTrail(string Customer, string ConversationId, string AttachmentId, string TicketId)
{
    public string UserStateKey => StateKeys.User(Channels.DirectLine, Customer);

    public string ConversationStateKey => StateKeys.Conversation(Channels.DirectLine, ConversationId);

    /// <summary>
    /// A customer with everything the desk keeps of one: bot and user state, a "did that help" answer, an uploaded
    /// file, a hand-off an agent took, noted, answered and closed, a survey with an NPS answer, a ticket with a reply
    /// and a connector reference (as /api/messages keeps one).
    /// </summary>
    public static async Task<CustomerTrail> LeaveAsync(TestApp app, AgentTestClient agent, string customer)
    {
        var chat = await CustomerChat.StartAsync(app.Client, "en-US", customer);
        var id = chat.Conversation.Id;
        await chat.ClicksTopicAsync("order_status", "Where is my order?");
        await chat.SaysAsync("ORD-10002");
        await chat.ClicksAsync("Yes");
        var upload = await ReadObjectAsync(await app.Client.SendAsync(
            HttpMethod.Post, $"/v3/directline/conversations/{id}/upload", chat.Conversation.Token, UploadTests.Upload(UploadTests.Png, "image/png")));
        var attachmentId = await AttachmentIdAsync(app, id);
        Assert.NotNull(upload["id"]);

        await chat.SaysAsync("agent");
        await agent.Hub.InvokeAsync<ChatView>("Claim", id);
        await agent.Hub.InvokeAsync<SupportBot.Handoff.Queue.AgentNote>("Note", id, $"{customer} prefers email");
        await agent.Hub.InvokeAsync<TranscriptEntry>("Send", id, "Hello, I can help with that.");
        await agent.Hub.InvokeAsync("Close", id, "order_status", Array.Empty<string>(), null);
        await chat.WaitForAsync(a => a["suggestedActions"] is not null, "the survey");
        await chat.ClicksAsync("5");
        await chat.ClicksAsync("9");
        await chat.SaysAsync("no");

        var tickets = app.Services.GetRequiredService<ITicketStore>();
        var ticket = await tickets.CreateAsync(new Ticket
        {
            ConversationId = id, Email = $"{customer}@example.com", Message = "call me back", Language = "en", CreatedAt = DateTimeOffset.UtcNow,
        });
        await tickets.AddReplyAsync(ticket.Id, new TicketReply("agent-01", "Agent 1", "We will.", DateTimeOffset.UtcNow));
        await app.Services.GetRequiredService<IConversationReferences>().SaveAsync(id, new ConversationReference(
            Channels.DirectLine, "http://127.0.0.1:9/", new ConversationAccount(id), new ChannelAccount("bot", "SupportBot", RoleTypes.Bot),
            new ChannelAccount(customer, null, RoleTypes.User), null, "en-US", Authenticated: false));
        // The desk's dialogs keep nothing per user yet; a bot that does writes here, under the customer's id.
        var trail = new CustomerTrail(customer, id, attachmentId, ticket.Id);
        await app.Services.GetRequiredService<IStorage>().WriteAsync(new Dictionary<string, JsonObject> { [trail.UserStateKey] = new() { ["name"] = customer } });
        return trail;
    }

    private static async Task<string> AttachmentIdAsync(TestApp app, string conversationId)
    {
        var log = app.Services.GetRequiredService<IConversationLog>();
        var urls = (await log.ReadAsync(conversationId, 0, 1000))
            .SelectMany(a => JsonNode.Parse(a.Json)!["attachments"]?.AsArray() ?? [])
            .Select(a => a!["contentUrl"]?.GetValue<string>()).Where(u => u is not null);
        return new Uri(urls.Last()!).Segments[^1];
    }
}

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
}

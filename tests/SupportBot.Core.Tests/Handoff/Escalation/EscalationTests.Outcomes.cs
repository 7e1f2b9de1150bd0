using Moq;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Schema;
using SupportBot.Tests.Dialogs;

namespace SupportBot.Tests.Handoff.Escalation;

public sealed partial class EscalationTests
{
    [Fact]
    public async Task WithNobodyOnlineTheCustomerIsToldAndCanLeaveAMessageThatBecomesATicket()
    {
        await _chat.Presence.DisconnectedAsync("anna", "connection-1");

        var offer = await _chat.SayAsync("agent");

        Assert.Null(await _chat.Handoffs.GetAsync(BotConversation.ConversationId));
        Assert.Equal(_chat.Message(HandoffMessages.NoAgents), offer.Texts[0]);
        await _chat.ClickAsync(offer.Last, _chat.Message("yes"));
        await _chat.SayAsync("sam@example.com");
        var thanks = await _chat.SayAsync("My parcel ORD-10002 arrived wet.");

        var ticket = Assert.Single(await _chat.Tickets.ListAsync(10, false));
        Assert.Equal(("sam@example.com", "My parcel ORD-10002 arrived wet.", HandoffReasons.CustomerRequest), (ticket.Email, ticket.Message, ticket.Reason));
        Assert.Contains(ticket.Id, thanks.Texts.Single());
        _chat.Notifier.Verify(n => n.TicketCreatedAsync(It.Is<SupportBot.Handoff.Tickets.Ticket>(t => t.Id == ticket.Id), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task AnAgentAtCapacityCountsAsNobodyAvailableUnlessConfiguredToQueueAnyway()
    {
        foreach (var other in new[] { "c-2", "c-3" })
        {
            await _chat.Handoffs.EnqueueAsync(Waiting(other));
            await _chat.Handoffs.ClaimAsync(other, "anna", "Anna", 2, BotConversation.Today);
        }

        Assert.Equal(_chat.Message(HandoffMessages.NoAgents), (await _chat.SayAsync("agent")).Texts[0]);

        using var patient = new BotConversation(handoff: new HandoffOptions { QueueWhenAgentsBusy = true });
        foreach (var other in new[] { "c-2", "c-3" })
        {
            await patient.Handoffs.EnqueueAsync(Waiting(other));
            await patient.Handoffs.ClaimAsync(other, "anna", "Anna", 2, BotConversation.Today);
        }

        await patient.SayAsync("agent");
        Assert.Equal(HandoffStage.Queued, (await patient.Handoffs.GetAsync(BotConversation.ConversationId))!.Stage);
    }

    [Fact]
    public async Task OutsideBusinessHoursTheCustomerHearsTheHours()
    {
        using var chat = new BotConversation(handoff: new HandoffOptions
        {
            BusinessHours = new BusinessHoursOptions { TimeZone = "Asia/Bangkok", Opens = "09:00", Closes = "10:00" },
        });
        chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)); // 19:00 in Bangkok

        var replies = await chat.SayAsync("agent");

        Assert.Null(await chat.Handoffs.GetAsync(BotConversation.ConversationId));
        Assert.Contains("09:00–10:00 (Asia/Bangkok)", replies.Texts[0]);
    }

    [Fact]
    public async Task WhileQueuedTheBotIsQuietAfterOneReminderAndCancelLeavesTheQueue()
    {
        await _chat.SayAsync("agent");

        var reminder = await _chat.SayAsync("hello? anyone?");
        var quiet = await _chat.SayAsync("still there?");
        var left = await _chat.SayAsync("cancel");

        Assert.Equal([HandoffService.Fill(_chat.Message(HandoffMessages.StillQueued), 1, 0)], reminder.Texts);
        Assert.Empty(quiet.All);
        Assert.Equal([_chat.Message(HandoffMessages.LeftQueue)], left.Texts);
        Assert.Equal(HandoffStage.Abandoned, (await _chat.Handoffs.GetAsync(BotConversation.ConversationId))!.Stage);
    }

    [Fact]
    public async Task WhileAnAgentOwnsTheConversationTheBotIsSilentAndTheAgentGetsTheMessage()
    {
        await _chat.SayAsync("agent");
        await _chat.Handoffs.ClaimAsync(BotConversation.ConversationId, "anna", "Anna", 2, BotConversation.Today);

        var replies = await _chat.SayAsync("where is my order");

        Assert.Empty(replies.All);
        _chat.Notifier.Verify(n => n.CustomerActivityAsync(
            It.Is<HandoffRecord>(r => r.AgentId == "anna"), It.Is<Activity>(a => a.Text == "where is my order"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task AfterTheAgentClosesTheCustomerRatesTheChatAndMayComment()
    {
        await _chat.SayAsync("agent");
        await _chat.Handoffs.ClaimAsync(BotConversation.ConversationId, "anna", "Anna", 2, BotConversation.Today);
        await _chat.Handoffs.EndAsync(BotConversation.ConversationId, "anna", HandoffStage.Closed, new HandoffResolution("order_status", [], null), BotConversation.Today);

        var closed = await _chat.SendAsync(Status(new HandoffStatus(HandoffStates.Completed, "Anna", HandoffStatus.Closed, null, null)));
        Assert.Equal(["1", "2", "3", "4", "5"], closed.Last.SuggestedActions!.Actions.Select(a => a.Title));
        var rated = await _chat.ClickAsync(closed.Last, "4");
        Assert.Equal([_chat.Message(HandoffMessages.SurveyComment)], rated.Texts);
        var thanks = await _chat.SayAsync("Anna was quick, thank you");

        Assert.Equal([_chat.Message(HandoffMessages.SurveyThanks)], thanks.Texts);
        var survey = (await _chat.Handoffs.GetAsync(BotConversation.ConversationId))!.Survey!;
        Assert.Equal((4, "Anna was quick, thank you"), (survey.Rating, survey.Comment));
    }

    [Fact]
    public async Task ReturnedToTheBotItResumesWithTheTopicTheAgentChose()
    {
        await _chat.SayAsync("agent");

        var replies = await _chat.SendAsync(Status(new HandoffStatus(HandoffStates.Completed, "Anna", HandoffStatus.Returned, "order_status", null)));

        Assert.Equal(
            [_chat.Message(HandoffMessages.Returned).Replace("{agent}", "Anna", StringComparison.Ordinal), _chat.Prompt("order_status", "orderNumber")],
            replies.Texts);
    }
}

using Microsoft.Extensions.Time.Testing;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Insights.Archive;
using SupportBot.Schema;

namespace SupportBot.Tests.Insights.Archive;

public sealed class ConversationSnapshotsTests
{
    private readonly ArchiveScenes _scenes = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task AHandoffRowCarriesItsReasonPickupTransferFirstAgentReplyAndResolution()
    {
        var id = await _scenes.StartAsync("cust");
        await _scenes.CustomerAsync(id, "I want a person");
        await _scenes.InitiateAsync(id, HandoffReasons.CustomerRequest, "talk_to_human");
        await _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Accepted, "Anna", null, null, null) { AgentId = "anna" });
        await _scenes.CustomerAsync(id, "hello?");
        await _scenes.AgentAsync(id, "anna", "Hi!");
        await _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Accepted, "Olga", "transferred", null, null) { AgentId = "olga" });
        await _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Completed, "Olga", HandoffStatus.Closed, "refund", null) { AgentId = "olga", Tags = ["vip", "late"] });

        var snapshot = await _scenes.SnapshotAsync(id);

        var handoff = Assert.Single(snapshot.Handoffs);
        var at = snapshot.Activities.ToDictionary(a => a.Seq, a => a.Timestamp);
        Assert.Equal((2L, HandoffReasons.CustomerRequest, "talk_to_human", "orders"), (handoff.Seq, handoff.Reason, handoff.Intent, handoff.Skill));
        Assert.Equal((at[2], at[3], at[5], at[7]), (handoff.RequestedAt, handoff.PickedUpAt, handoff.FirstAgentReplyAt, handoff.EndedAt));
        Assert.Equal(("anna", "olga", "Olga", 1), (handoff.FirstAgentId, handoff.AgentId, handoff.AgentName, handoff.Transfers));
        Assert.Equal((HandoffOutcomes.Closed, "refund"), (handoff.Outcome, handoff.ResolutionIntent));
        Assert.Equal(["vip", "late"], handoff.Tags);
        Assert.Equal(at[7], snapshot.Conversation.ClosedAt);
    }

    [Fact]
    public async Task ACustomerWhoLeavesTheQueueIsAnAbandonedHandoffThatNobodyPickedUp()
    {
        var id = await _scenes.StartAsync("cust");
        await _scenes.InitiateAsync(id, HandoffReasons.Misunderstood);
        await _scenes.EventAsync(id, DialogValues.LeftQueueEvent, new { });

        var handoff = Assert.Single((await _scenes.SnapshotAsync(id)).Handoffs);

        Assert.Equal((HandoffOutcomes.Abandoned, (DateTimeOffset?)null, (string?)null), (handoff.Outcome, handoff.PickedUpAt, handoff.AgentId));
        Assert.NotNull(handoff.EndedAt);
    }

    [Fact]
    public async Task NobodyTakingTheChatInTimeIsATimeout()
    {
        var id = await _scenes.StartAsync("cust");
        await _scenes.InitiateAsync(id, HandoffReasons.LowConfidence);
        await _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Failed, null, "timeout", null, "Nobody took the chat in time."));

        Assert.Equal(HandoffOutcomes.Timeout, Assert.Single((await _scenes.SnapshotAsync(id)).Handoffs).Outcome);
    }

    [Fact]
    public async Task ARatingFollowedByItsCommentIsOneSurveyOfTheAgentWhoClosedTheChat()
    {
        var id = await _scenes.StartAsync("cust");
        await _scenes.InitiateAsync(id, HandoffReasons.CustomerRequest);
        await _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Accepted, "Anna", null, null, null) { AgentId = "anna" });
        await _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Completed, "Anna", HandoffStatus.Closed, "refund", null) { AgentId = "anna" });
        await _scenes.SurveyAsync(id, 2);
        await _scenes.SurveyAsync(id, 2, "slow");

        var survey = Assert.Single((await _scenes.SnapshotAsync(id)).Surveys);

        Assert.Equal((2, "slow", "anna", (long?)1, (int?)null), (survey.Rating, survey.Comment, survey.AgentId, survey.HandoffSeq, survey.Nps));
    }

    [Fact]
    public async Task TheConversationRowCountsMessagesAndSaysWhetherTheLastCustomerMessageWasLeftMisunderstood()
    {
        var id = await _scenes.StartAsync("cust");
        await _scenes.CustomerAsync(id, "order #54321 please");
        await _scenes.BotAsync(id, "It is on its way.");
        await _scenes.FeedbackAsync(id, "order_status", helped: true);
        await _scenes.CustomerAsync(id, "blorp", intent: "out_of_scope", confidence: 0.2f);

        var snapshot = await _scenes.SnapshotAsync(id);

        var c = snapshot.Conversation;
        Assert.Equal((2, 1, 0), (c.CustomerMessages, c.BotMessages, c.AgentMessages));
        Assert.Equal(("order #54321 please", "out_of_scope", true, true), (c.FirstCustomerText, c.LastCustomerIntent, c.LastCustomerUnanswered, c.LastCustomerMisunderstood));
        Assert.Equal((4L, "directline", "en"), (c.ArchivedSeq, c.Channel, c.Language));
        Assert.Null(c.ClosedAt);
        Assert.Equal(["ORD-54321"], snapshot.OrderNumbers);
        var feedback = Assert.Single(snapshot.Feedback);
        Assert.Equal(("order_status", true), (feedback.Intent, feedback.Helped));
        Assert.Equal([ArchiveRoles.Customer, ArchiveRoles.Bot, ArchiveRoles.Bot, ArchiveRoles.Customer], snapshot.Activities.Select(a => a.Role));
    }
}

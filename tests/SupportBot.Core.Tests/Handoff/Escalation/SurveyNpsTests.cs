using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;
using SupportBot.Tests.Dialogs;

namespace SupportBot.Tests.Handoff.Escalation;

/// <summary>The survey's optional 0-10 "would you recommend us" question (Handoff:SurveyNps).</summary>
public sealed class SurveyNpsTests : IDisposable
{
    private readonly BotConversation _chat = new(handoff: new HandoffOptions { SurveyNps = true });

    [Fact]
    public async Task WithNpsOnTheSurveyAsksHowLikelyTheCustomerWouldRecommendUsAndKeepsTheAnswer()
    {
        var closed = await CloseAgentsChatAsync();

        var rated = await _chat.ClickAsync(closed.Last, "4");
        Assert.Equal([_chat.Message(HandoffMessages.SurveyNps)], rated.Texts);
        Assert.Equal([.. Enumerable.Range(0, 11).Select(n => n.ToString())], rated.Buttons);
        var scored = await _chat.ClickAsync(rated.Last, "9");
        Assert.Equal([_chat.Message(HandoffMessages.SurveyComment)], scored.Texts);
        Assert.Equal(9, scored.Event(DialogValues.SurveyEvent).GetProperty("nps").GetInt32());
        var thanks = await _chat.SayAsync("no");

        Assert.Equal([_chat.Message(HandoffMessages.SurveyThanks)], thanks.Texts);
        var survey = (await _chat.Handoffs.GetAsync(BotConversation.ConversationId))!.Survey!;
        Assert.Equal((4, 9, (string?)null), (survey.Rating, survey.Nps, survey.Comment));
    }

    [Fact]
    public async Task ATenTypedInArabicIndicDigitsAnswersTheNpsQuestion()
    {
        var closed = await CloseAgentsChatAsync();
        await _chat.ClickAsync(closed.Last, "5");

        await _chat.SayAsync("١٠");

        Assert.Equal(10, (await _chat.Handoffs.GetAsync(BotConversation.ConversationId))!.Survey!.Nps);
    }

    [Fact]
    public async Task ACommentTypedInsteadOfTheNpsAnswerSkipsTheQuestionAndIsKeptAsTheComment()
    {
        var closed = await CloseAgentsChatAsync();
        await _chat.ClickAsync(closed.Last, "2");

        var thanks = await _chat.SayAsync("It took far too long");

        Assert.Equal([_chat.Message(HandoffMessages.SurveyThanks)], thanks.Texts);
        var survey = (await _chat.Handoffs.GetAsync(BotConversation.ConversationId))!.Survey!;
        Assert.Equal((2, (int?)null, "It took far too long"), (survey.Rating, survey.Nps, survey.Comment));
    }

    [Fact]
    public async Task WithNpsOffTheCommentFollowsTheRatingAsBefore()
    {
        using var chat = new BotConversation(handoff: new HandoffOptions());
        var closed = await CloseAgentsChatAsync(chat);

        var rated = await chat.ClickAsync(closed.Last, "4");

        Assert.Equal([chat.Message(HandoffMessages.SurveyComment)], rated.Texts);
    }

    public void Dispose() => _chat.Dispose();

    private Task<Replies> CloseAgentsChatAsync() => CloseAgentsChatAsync(_chat);

    private static async Task<Replies> CloseAgentsChatAsync(BotConversation chat)
    {
        await chat.SayAsync("agent");
        await chat.Handoffs.ClaimAsync(BotConversation.ConversationId, "anna", "Anna", 2, BotConversation.Today);
        await chat.Handoffs.EndAsync(BotConversation.ConversationId, "anna", HandoffStage.Closed, new HandoffResolution("order_status", [], null), BotConversation.Today);
        var status = new HandoffStatus(HandoffStates.Completed, "Anna", HandoffStatus.Closed, null, null).ToActivity();
        var template = chat.NewMessage(null);
        (status.Id, status.ChannelId, status.Conversation, status.Recipient, status.Locale) =
            (template.Id, template.ChannelId, template.Conversation, template.Recipient, chat.Locale);
        status.From = new ChannelAccount("supportbot-agent-desk");
        return await chat.SendAsync(status);
    }
}

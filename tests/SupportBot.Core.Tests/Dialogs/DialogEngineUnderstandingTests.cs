using SupportBot.Dialogs;

namespace SupportBot.Tests.Dialogs;

/// <summary>What the bot does with what the classifier made of a message, and the feedback it collects for retraining.</summary>
public sealed class DialogEngineUnderstandingTests : IDisposable
{
    private readonly BotConversation _bot = new();

    public DialogEngineUnderstandingTests()
    {
        _bot.Hesitates("I want my money back", "return_request", "refund_status");
        _bot.Understands("what's your return policy?", "return_policy");
    }

    [Fact]
    public async Task AnAmbiguousMessageAsksWhichOfTheTwoWasMeant()
    {
        var replies = await _bot.SayAsync("I want my money back");

        var (first, second) = (_bot.Title("return_request"), _bot.Title("refund_status"));
        Assert.Equal([_bot.Message(MessageKeys.DidYouMean).Replace("{first}", first).Replace("{second}", second)], replies.Texts);
        Assert.Equal([first, second, _bot.Message(MessageKeys.SomethingElse)], replies.Buttons);
    }

    [Fact]
    public async Task ChoosingAnIntentStartsItAndLogsTheChoiceForTheOriginalMessage()
    {
        var question = await _bot.SayAsync("I want my money back");
        var utteranceId = _bot.LastId;

        var chosen = await _bot.ClickAsync(question.Last, _bot.Title("refund_status"));

        Assert.Equal([_bot.Prompt("refund_status", "orderNumber")], chosen.Texts);
        var logged = chosen.Event(DialogValues.IntentChosenEvent);
        Assert.Equal(utteranceId, logged.GetProperty("utteranceId").GetString());
        Assert.Equal("refund_status", logged.GetProperty("intent").GetString());
        Assert.Equal(0, (await _bot.MemoryAsync()).Misunderstandings);
    }

    [Fact]
    public async Task TypingTheTitleOfOneOfTheChoicesChoosesIt()
    {
        await _bot.SayAsync("I want my money back");

        var chosen = await _bot.SayAsync("refund status");

        Assert.Equal([_bot.Prompt("refund_status", "orderNumber")], chosen.Texts);
        Assert.True(chosen.HasEvent(DialogValues.IntentChosenEvent));
    }

    [Fact]
    public async Task SomethingElseCountsAsNotUnderstood()
    {
        var question = await _bot.SayAsync("I want my money back");

        var replies = await _bot.ClickAsync(question.Last, _bot.Message(MessageKeys.SomethingElse));

        Assert.Equal([_bot.Message(MessageKeys.NotUnderstood)], replies.Texts);
        Assert.False(replies.HasEvent(DialogValues.IntentChosenEvent));
        Assert.Equal(1, (await _bot.MemoryAsync()).Misunderstandings);
    }

    [Fact]
    public async Task EachMessageNotUnderstoodIsCountedUntilOneIsUnderstood()
    {
        var first = await _bot.SayAsync("blorp");
        Assert.Equal([_bot.Message(MessageKeys.NotUnderstood)], first.Texts);
        Assert.Equal(_bot.Catalog.Suggestions(MessageKeys.NotUnderstood).Select(i => _bot.Title(i)), first.Buttons);
        Assert.Equal(1, (await _bot.MemoryAsync()).Misunderstandings);

        await _bot.SayAsync("zzzz qqq");
        Assert.Equal(2, (await _bot.MemoryAsync()).Misunderstandings);

        await _bot.SayAsync("what's your return policy?");
        Assert.Equal(0, (await _bot.MemoryAsync()).Misunderstandings);
    }

    [Fact]
    public async Task ATopicButtonStartsItsDialog()
    {
        var notUnderstood = await _bot.SayAsync("blorp");

        var replies = await _bot.ClickAsync(notUnderstood.Last, _bot.Title("order_status"));

        Assert.Equal([_bot.Prompt("order_status", "orderNumber")], replies.Texts);
        Assert.Equal(0, (await _bot.MemoryAsync()).Misunderstandings);
    }

    [Fact]
    public async Task ClickingYesOnDidThatHelpLogsTheFeedbackForTheQuestion()
    {
        var asked = await _bot.SayAsync("what's your return policy?");
        var utteranceId = _bot.LastId;
        Assert.Equal(_bot.Message(MessageKeys.AskHelped), asked.LastText);

        var thanked = await _bot.ClickAsync(asked.Last, _bot.Message(MessageKeys.Yes));

        Assert.Equal([_bot.Message(MessageKeys.HelpedYes)], thanked.Texts);
        var feedback = thanked.Event(DialogValues.FeedbackEvent);
        Assert.Equal(utteranceId, feedback.GetProperty("utteranceId").GetString());
        Assert.Equal("return_policy", feedback.GetProperty("intent").GetString());
        Assert.True(feedback.GetProperty("helped").GetBoolean());
    }

    [Fact]
    public async Task ATypedNoInRussianLogsUnhelpfulAndOffersOtherTopics()
    {
        _bot.Locale = "ru-RU";
        _bot.Understands("какие условия возврата?", "return_policy", "ru");
        await _bot.SayAsync("какие условия возврата?");

        var replies = await _bot.SayAsync("нет");

        Assert.Equal([_bot.Message(MessageKeys.HelpedNo, "ru")], replies.Texts);
        Assert.Equal(_bot.Catalog.Suggestions(MessageKeys.HelpedNo).Select(i => _bot.Title(i, "ru")), replies.Buttons);
        Assert.False(replies.Event(DialogValues.FeedbackEvent).GetProperty("helped").GetBoolean());
    }

    [Fact]
    public async Task ATypedDaAnswersDidThatHelp()
    {
        _bot.Locale = "ru-RU";
        _bot.Understands("какие условия возврата?", "return_policy", "ru");
        await _bot.SayAsync("какие условия возврата?");

        var replies = await _bot.SayAsync("да");

        Assert.True(replies.Event(DialogValues.FeedbackEvent).GetProperty("helped").GetBoolean());
        Assert.Equal([_bot.Message(MessageKeys.HelpedYes, "ru")], replies.Texts);
    }

    [Fact]
    public async Task AnotherQuestionInsteadOfAFeedbackAnswerIsSimplyAnswered()
    {
        _bot.Understands("where is ORD-10001?", "order_status");
        await _bot.SayAsync("what's your return policy?");

        var replies = await _bot.SayAsync("where is ORD-10001?");

        Assert.False(replies.HasEvent(DialogValues.FeedbackEvent));
        Assert.Contains("ORD-10001", replies.Texts[0]);
    }

    [Fact]
    public async Task SmallTalkIsNotFollowedByDidThatHelp()
    {
        _bot.Understands("thanks!", "thanks");

        var replies = await _bot.SayAsync("thanks!");

        Assert.DoesNotContain(_bot.Message(MessageKeys.AskHelped), replies.Texts);
        Assert.Null((await _bot.MemoryAsync()).Feedback);
    }

    public void Dispose() => _bot.Dispose();
}

using SupportBot.Dialogs;

namespace SupportBot.Tests.Dialogs;

/// <summary>The command words of common.json: "cancel" and "help" in any language, whatever the bot was asking.</summary>
public sealed class DialogEngineCommandTests : IDisposable
{
    private const string OrderStatus = "order_status";
    private readonly BotConversation _bot = new();

    [Theory]
    [InlineData("cancel", "en-US", "en")]
    [InlineData("Stop!", "en-US", "en")]
    [InlineData("отмена", "ru-RU", "ru")]
    [InlineData("ยกเลิก", "th-TH", "th")]
    [InlineData("إلغاء", "ar-SA", "ar")]
    public async Task ACancelWordStopsTheFlowInTheCustomersLanguage(string word, string locale, string language)
    {
        _bot.Locale = locale;
        _bot.Understands("order?", OrderStatus, language);
        await _bot.SayAsync("order?");

        var stopped = await _bot.SayAsync(word);

        Assert.Equal([_bot.Message(MessageKeys.Cancelled, language).Replace("{topic}", _bot.Title(OrderStatus, language))], stopped.Texts);
        Assert.Equal(_bot.Catalog.Suggestions(MessageKeys.Welcome).Select(i => _bot.Title(i, language)), stopped.Buttons);
        var memory = await _bot.MemoryAsync();
        Assert.Null(memory.Active);
        Assert.Empty(memory.Paused);
    }

    [Fact]
    public async Task AfterCancellingANumberIsNoLongerTakenAsTheAnswer()
    {
        _bot.Understands("where is my order?", OrderStatus);
        await _bot.SayAsync("where is my order?");
        await _bot.SayAsync("cancel");

        var replies = await _bot.SayAsync("ORD-10001");

        Assert.Equal([_bot.Message(MessageKeys.NotUnderstood)], replies.Texts);
    }

    [Fact]
    public async Task ACancelWordInAnotherLanguageStillStopsTheFlow()
    {
        _bot.Locale = "th-TH";
        _bot.Understands("order?", OrderStatus, "th");
        await _bot.SayAsync("order?");

        var stopped = await _bot.SayAsync("cancel");

        Assert.Equal([_bot.Message(MessageKeys.Cancelled, "th").Replace("{topic}", _bot.Title(OrderStatus, "th"))], stopped.Texts);
    }

    [Fact]
    public async Task CancelWithNothingInProgressSaysSo()
    {
        var replies = await _bot.SayAsync("cancel");

        Assert.Equal([_bot.Message(MessageKeys.NothingToCancel)], replies.Texts);
    }

    [Fact]
    public async Task CancellingAlsoDropsTheTopicPutAside()
    {
        _bot.Understands("where is my order?", OrderStatus);
        _bot.Understands("I want to cancel my order", "cancel_order");
        await _bot.SayAsync("where is my order?");
        await _bot.SayAsync("I want to cancel my order");

        var stopped = await _bot.SayAsync("cancel");

        Assert.Equal([_bot.Message(MessageKeys.Cancelled).Replace("{topic}", _bot.Title("cancel_order"))], stopped.Texts);
        Assert.Equal([_bot.Message(MessageKeys.NotUnderstood)], (await _bot.SayAsync("ORD-10001")).Texts);
    }

    [Fact]
    public async Task HelpInTheMiddleOfAFlowRepeatsTheQuestion()
    {
        _bot.Understands("where is my order?", OrderStatus);
        await _bot.SayAsync("where is my order?");

        var replies = await _bot.SayAsync("help");

        Assert.Equal(
            [_bot.Message(MessageKeys.HelpInFlow).Replace("{topic}", _bot.Title(OrderStatus)), _bot.Prompt(OrderStatus, "orderNumber")],
            replies.Texts);
        Assert.Contains("ORD-10001", (await _bot.SayAsync("ORD-10001")).Texts[0]);
    }

    [Fact]
    public async Task HelpWithNothingInProgressListsWhatTheBotDoes()
    {
        _bot.Locale = "ru-RU";

        var replies = await _bot.SayAsync("помощь");

        Assert.Equal([_bot.Message(MessageKeys.Help, "ru")], replies.Texts);
        Assert.Equal(_bot.Catalog.Suggestions(MessageKeys.Welcome).Select(i => _bot.Title(i, "ru")), replies.Buttons);
    }

    [Fact]
    public async Task AQuestionThatMerelyContainsACommandWordIsNotACommand()
    {
        _bot.Understands("I want to cancel my order", "cancel_order");

        var replies = await _bot.SayAsync("I want to cancel my order");

        Assert.Equal([_bot.Prompt("cancel_order", "orderNumber")], replies.Texts);
    }

    public void Dispose() => _bot.Dispose();
}

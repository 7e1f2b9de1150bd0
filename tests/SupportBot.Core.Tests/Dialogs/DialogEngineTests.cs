using SupportBot.Dialogs;

namespace SupportBot.Tests.Dialogs;

public sealed class DialogEngineTests : IDisposable
{
    private const string OrderStatus = "order_status";
    private const string OrderNumber = "orderNumber";
    private readonly BotConversation _bot = new();

    public DialogEngineTests()
    {
        _bot.Understands("where is my order?", OrderStatus);
        _bot.Understands("where is ORD-10001?", OrderStatus);
        _bot.Understands("I want to cancel my order", "cancel_order");
        _bot.Understands("what's your return policy?", "return_policy");
    }

    [Fact]
    public async Task OrderStatusAsksForTheNumberAndAnswersWithTheStatus()
    {
        var asked = await _bot.SayAsync("where is my order?");
        Assert.Equal([_bot.Prompt(OrderStatus, OrderNumber)], asked.Texts);

        var answered = await _bot.SayAsync("ORD-10002");

        Assert.True(answered.Typed);
        var status = answered.Texts[0]!;
        Assert.Contains("ORD-10002", status);
        Assert.Contains("Bluetooth speaker, USB-C cable, 1 m", status);
        Assert.Contains("Kerry Express", status);
        Assert.Contains("KEXBK0042718365", status);
        Assert.Contains("24 November 2026", status);
    }

    [Fact]
    public async Task AnAnswerThatIsNotANumberIsAskedAgainWithoutBeingRepeated()
    {
        await _bot.SayAsync("where is my order?");

        var retried = await _bot.SayAsync("<b>the one from last tuesday</b>");

        Assert.Equal([_bot.Retry(OrderStatus, OrderNumber)], retried.Texts);
        Assert.All(retried.All, a => Assert.DoesNotContain("tuesday", a.Text ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("ORD-10001", (await _bot.SayAsync("ORD-10001")).Texts[0]);
    }

    [Fact]
    public async Task ANumberGivenInTheFirstMessageIsNotAskedFor()
    {
        var replies = await _bot.SayAsync("where is ORD-10001?");

        Assert.DoesNotContain(_bot.Prompt(OrderStatus, OrderNumber), replies.Texts);
        Assert.Contains("ORD-10001 (Wireless earbuds, Silicone phone case)", replies.Texts[0]);
        Assert.Contains("26 November 2026", replies.Texts[0]);
    }

    [Fact]
    public async Task TheNextDialogAboutAnOrderDoesNotAskForTheNumberAgain()
    {
        await _bot.SayAsync("where is ORD-10001?");

        var replies = await _bot.SayAsync("I want to cancel my order");

        Assert.DoesNotContain(_bot.Prompt("cancel_order", OrderNumber), replies.Texts);
        Assert.Equal("Cancel order ORD-10001 (Wireless earbuds, Silicone phone case, 59.80 USD)?", replies.LastText);
        Assert.Equal([_bot.Message(MessageKeys.Yes), _bot.Message(MessageKeys.No)], replies.Buttons);
    }

    [Fact]
    public async Task ANewTopicWhileWaitingForTheNumberIsAnsweredThenTheQuestionIsAskedAgain()
    {
        await _bot.SayAsync("where is my order?");

        var replies = await _bot.SayAsync("what's your return policy?");

        var policy = (SayStep)_bot.Catalog.Find("return_policy")!.Steps[0];
        Assert.Equal(
            [policy.Text["en"], _bot.Message(MessageKeys.Resume).Replace("{topic}", _bot.Title(OrderStatus)), _bot.Prompt(OrderStatus, OrderNumber)],
            replies.Texts);
        Assert.NotNull(replies.Messages[0].Attachments);
        Assert.Contains("ORD-10001", (await _bot.SayAsync("ORD-10001")).Texts[0]);
    }

    [Fact]
    public async Task AnUnsureGuessWhileWaitingForTheNumberCountsAsAWrongAnswer()
    {
        _bot.Understands("maybe returns", "return_policy", confidence: 0.4f);
        await _bot.SayAsync("where is my order?");

        var replies = await _bot.SayAsync("maybe returns");

        Assert.Equal([_bot.Retry(OrderStatus, OrderNumber)], replies.Texts);
    }

    [Fact]
    public async Task AfterTooManyWrongAnswersTheBotStopsAskingAndOffersTopics()
    {
        await _bot.SayAsync("where is my order?");
        for (var attempt = 1; attempt < new BotOptions().MaxSlotAttempts; attempt++)
        {
            Assert.Equal([_bot.Retry(OrderStatus, OrderNumber)], (await _bot.SayAsync($"no idea {attempt}")).Texts);
        }

        var gaveUp = await _bot.SayAsync("still no idea");

        Assert.Equal([_bot.Message(MessageKeys.GaveUp).Replace("{topic}", _bot.Title(OrderStatus))], gaveUp.Texts);
        Assert.Equal(_bot.Catalog.Suggestions(MessageKeys.NotUnderstood).Select(i => _bot.Title(i)), gaveUp.Buttons);
        Assert.Null((await _bot.MemoryAsync()).Active);
    }

    [Fact]
    public async Task TheNumberOfWrongAnswersAllowedIsConfigurable()
    {
        using var bot = new BotConversation(options: new BotOptions { MaxSlotAttempts = 1 });
        bot.Understands("where is my order?", OrderStatus);
        await bot.SayAsync("where is my order?");

        var gaveUp = await bot.SayAsync("no idea");

        Assert.Equal([bot.Message(MessageKeys.GaveUp).Replace("{topic}", bot.Title(OrderStatus))], gaveUp.Texts);
    }

    [Fact]
    public async Task AnAnswerIsFollowedByDidThatHelpWithYesAndNoButtons()
    {
        var replies = await _bot.SayAsync("where is ORD-10001?");

        Assert.Equal(_bot.Message(MessageKeys.AskHelped), replies.LastText);
        Assert.Equal([_bot.Message(MessageKeys.Yes), _bot.Message(MessageKeys.No)], replies.Buttons);
    }

    [Fact]
    public async Task AnOrderNumberIsRememberedAcrossTurnsInTheConversationState()
    {
        await _bot.SayAsync("where is my order?");
        await _bot.SayAsync("ORD-10003");

        var memory = await _bot.MemoryAsync();

        Assert.Equal("ORD-10003", memory.Slots[OrderNumber]);
        Assert.Equal(OrderStatus, memory.Feedback?.Intent);
    }

    [Fact]
    public async Task AFlowCarriesOnAfterARestart()
    {
        await _bot.SayAsync("where is my order?");

        using var restarted = new BotConversation(storage: _bot.Storage);
        var replies = await restarted.SayAsync("ORD-10001");

        Assert.Contains("Order ORD-10001 (Wireless earbuds, Silicone phone case)", replies.Texts[0]);
    }

    [Fact]
    public async Task AnAnswerWithLinksShowsThemAsCardButtons()
    {
        _bot.Locale = "th-TH";
        _bot.Understands("นโยบายคืนสินค้า", "return_policy", "th");

        var replies = await _bot.SayAsync("นโยบายคืนสินค้า");

        var card = Assert.Single(replies.Messages[0].Attachments!);
        Assert.Equal("application/vnd.microsoft.card.hero", card.ContentType);
        var content = (System.Text.Json.JsonElement)card.Content!;
        Assert.Equal("การคืนสินค้าและคืนเงิน", content.GetProperty("title").GetString());
        var buttons = content.GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(["https://acme.example/help/returns", "https://acme.example/orders"], buttons.Select(b => b.GetProperty("value").GetString()));
        Assert.All(buttons, b => Assert.Equal("openUrl", b.GetProperty("type").GetString()));
        Assert.Equal([_bot.Title("return_request", "th"), _bot.Title("refund_status", "th")], replies.Messages[0].SuggestedActions!.Actions.Select(a => a.Title));
    }

    public void Dispose() => _bot.Dispose();
}

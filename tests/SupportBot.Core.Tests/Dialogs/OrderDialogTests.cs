using SupportBot.Dialogs;
using SupportBot.Orders;

namespace SupportBot.Tests.Dialogs;

/// <summary>The shipped order dialogs against the demo orders: what the customer is told and what changes.</summary>
public sealed class OrderDialogTests : IDisposable
{
    private const string NewAddress = "99 Rama IV Road, Pathum Wan, Bangkok 10330, Thailand";
    private readonly BotConversation _bot = new();

    public OrderDialogTests()
    {
        _bot.Understands("please cancel order ORD-10001", "cancel_order");
        _bot.Understands("please cancel order ORD-10002", "cancel_order");
        _bot.Understands("where is my order?", "order_status");
        _bot.Understands("where is ORD-99999?", "order_status");
        _bot.Understands("send ORD-10001 to another address", "change_address");
        _bot.Understands("my refund for ORD-10004?", "refund_status");
    }

    [Fact]
    public async Task CancellingAnOrderAsksFirstAndNoKeepsIt()
    {
        var question = await _bot.SayAsync("please cancel order ORD-10001");

        var kept = await _bot.ClickAsync(question.Last, _bot.Message(MessageKeys.No));

        Assert.Equal(["OK, I've left order ORD-10001 as it is. It will be shipped as planned."], kept.Texts);
        Assert.Equal(OrderStatus.Processing, (await _bot.Orders.FindAsync("ORD-10001"))!.Status);
    }

    [Fact]
    public async Task SayingYesCancelsTheOrderWithARefund()
    {
        await _bot.SayAsync("please cancel order ORD-10001");

        var done = await _bot.SayAsync("yes");

        Assert.Contains("order ORD-10001 is cancelled. 59.80 USD will be refunded", done.Texts[0]);
        var order = await _bot.Orders.FindAsync("ORD-10001");
        Assert.Equal(OrderStatus.Cancelled, order!.Status);
        Assert.Equal(RefundStatus.Pending, order.Refund?.Status);
    }

    [Fact]
    public async Task AnythingButYesOrNoToTheConfirmationIsAskedAgain()
    {
        await _bot.SayAsync("please cancel order ORD-10001");

        var retried = await _bot.SayAsync("hmm");

        Assert.Equal([_bot.Message(MessageKeys.ConfirmRetry)], retried.Texts);
        Assert.Equal([_bot.Message(MessageKeys.Yes), _bot.Message(MessageKeys.No)], retried.Buttons);
        Assert.Equal(OrderStatus.Processing, (await _bot.Orders.FindAsync("ORD-10001"))!.Status);
    }

    [Fact]
    public async Task AnotherQuestionAtTheConfirmationIsAnsweredAndTheConfirmationAskedAgain()
    {
        _bot.Understands("what's your return policy?", "return_policy");
        var question = await _bot.SayAsync("please cancel order ORD-10001");

        var replies = await _bot.SayAsync("what's your return policy?");

        Assert.Equal(_bot.Message(MessageKeys.Resume).Replace("{topic}", _bot.Title("cancel_order")), replies.Texts[^2]);
        Assert.Equal(question.LastText, replies.LastText);
        Assert.Equal(OrderStatus.Processing, (await _bot.Orders.FindAsync("ORD-10001"))!.Status);
        await _bot.SayAsync("yes");
        Assert.Equal(OrderStatus.Cancelled, (await _bot.Orders.FindAsync("ORD-10001"))!.Status);
    }

    [Fact]
    public async Task AShippedOrderIsNotOfferedForCancellation()
    {
        var replies = await _bot.SayAsync("please cancel order ORD-10002");

        Assert.Contains("already on its way with Kerry Express", replies.Texts[0]);
        Assert.Equal([_bot.Title("return_policy")], replies.Messages[0].SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal(OrderStatus.Shipped, (await _bot.Orders.FindAsync("ORD-10002"))!.Status);
    }

    [Fact]
    public async Task AnAddressChangeShowsTheCurrentAddressConfirmsAndIsKept()
    {
        var asked = await _bot.SayAsync("send ORD-10001 to another address");
        Assert.Contains("88/12 Sukhumvit Soi 24", asked.LastText);

        var confirm = await _bot.SayAsync(NewAddress);
        Assert.Equal($"Ship order ORD-10001 to {NewAddress}?", confirm.LastText);

        var done = await _bot.ClickAsync(confirm.Last, _bot.Message(MessageKeys.Yes));
        Assert.Equal($"Done! Order ORD-10001 will now be delivered to {NewAddress}.", done.Texts[0]);
        Assert.Equal(NewAddress, (await _bot.Orders.FindAsync("ORD-10001"))!.Address);
    }

    [Fact]
    public async Task ARefundInProgressSaysHowMuchAndWhen()
    {
        var replies = await _bot.SayAsync("my refund for ORD-10004?");

        Assert.Contains("Your refund of 89.00 USD for order ORD-10004", replies.Texts[0]);
        Assert.Contains("25 November 2026", replies.Texts[0]);
    }

    [Fact]
    public async Task AnUnknownNumberIsForgottenSoTheNextQuestionAsksForIt()
    {
        var notFound = await _bot.SayAsync("where is ORD-99999?");
        Assert.Equal(["I couldn't find order ORD-99999. Please check the number in your confirmation email and send it again."], notFound.Texts);

        var asked = await _bot.SayAsync("where is my order?");

        Assert.Equal([_bot.Prompt("order_status", "orderNumber")], asked.Texts);
    }

    [Fact]
    public async Task TheNumberSentAgainAfterItWasNotFoundIsLookedUp()
    {
        await _bot.SayAsync("where is my order?");
        await _bot.SayAsync("ORD-99999");

        // The bot asked to "send it again"; a bare number carries no intent of its own.
        var replies = await _bot.SayAsync("ORD-10001");

        Assert.Contains("Order ORD-10001 (Wireless earbuds, Silicone phone case)", replies.Texts[0]);
    }

    public void Dispose() => _bot.Dispose();
}

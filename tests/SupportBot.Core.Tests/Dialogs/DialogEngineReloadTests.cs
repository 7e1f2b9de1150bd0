using SupportBot.Dialogs;

namespace SupportBot.Tests.Dialogs;

/// <summary>Conversations in progress when the dialog files change under them (hot reload).</summary>
public sealed class DialogEngineReloadTests : IDisposable
{
    private const string NewAddress = "99 Rama IV Road, Pathum Wan, Bangkok 10330, Thailand";
    private const string ChangeAddress = "intents/change_address.json";
    private readonly DialogFolder _folder = new();
    private readonly BotConversation _bot;

    public DialogEngineReloadTests()
    {
        _bot = new BotConversation(_folder.Path);
        _bot.Understands("where is my order?", "order_status");
        _bot.Understands("send ORD-10001 to another address", "change_address");
    }

    [Fact]
    public async Task AnEditedQuestionIsAskedWithTheNewTextAfterAReload()
    {
        await _bot.SayAsync("where is my order?");
        _folder.Replace("intents/order_status.json", "\"en\": \"That doesn't look like an order number.", "\"en\": \"Hmm, that isn't an order number.");
        Assert.True(_bot.Dialogs.Reload());

        var replies = await _bot.SayAsync("no idea");

        Assert.Equal([_bot.Retry("order_status", "orderNumber")], replies.Texts);
        Assert.StartsWith("Hmm, that isn't an order number.", replies.Texts[0]);
    }

    [Fact]
    public async Task ADialogChangedMidFlowStartsOverWithoutLosingTheSlotsGiven()
    {
        var asked = await _bot.SayAsync("send ORD-10001 to another address");
        Assert.Contains("88/12 Sukhumvit Soi 24", asked.LastText);
        _folder.Replace(ChangeAddress, "\"en\": \"Ship order {orderNumber} to {address}?\"", "\"en\": \"Send order {orderNumber} to {address}?\"");
        Assert.True(_bot.Dialogs.Reload());

        var replies = await _bot.SayAsync(NewAddress);

        // Started over, the dialog already knows the order: it must neither ask for it again nor take the postcode for it.
        Assert.DoesNotContain(_bot.Prompt("change_address", "orderNumber"), replies.Texts);
        Assert.DoesNotContain(_bot.Retry("change_address", "orderNumber"), replies.Texts);
        Assert.Equal("ORD-10001", (await _bot.MemoryAsync()).Slots.GetValueOrDefault("orderNumber"));
        string[] eitherConfirmedOrAskedAgain = [$"Send order ORD-10001 to {NewAddress}?", "Order ORD-10001 hasn't shipped yet"];
        Assert.Contains(eitherConfirmedOrAskedAgain, expected => replies.LastText!.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedEditLeavesTheConversationOnTheDialogItWasIn()
    {
        await _bot.SayAsync("send ORD-10001 to another address");
        _folder.Replace(ChangeAddress, "\"en\": \"Ship order {orderNumber} to {address}?\"", "\"en\": \"Ship order {orderNumber} to {adress}?\"");
        Assert.False(_bot.Dialogs.Reload());

        var replies = await _bot.SayAsync(NewAddress);

        Assert.Equal($"Ship order ORD-10001 to {NewAddress}?", replies.LastText);
        Assert.Equal([_bot.Message(MessageKeys.Yes), _bot.Message(MessageKeys.No)], replies.Buttons);
    }

    public void Dispose()
    {
        _bot.Dispose();
        _folder.Dispose();
    }
}

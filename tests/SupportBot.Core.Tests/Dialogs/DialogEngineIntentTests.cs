using Moq;
using SupportBot.Builder;
using SupportBot.Dialogs;
using SupportBot.Intents;
using SupportBot.Tests.Builder;

namespace SupportBot.Tests.Dialogs;

/// <summary>How the dialogs learn what the message meant: the typed result the turn carries, else the logged entity.</summary>
public sealed class DialogEngineIntentTests : IDisposable
{
    private const string OrderStatus = "order_status";
    private readonly BotConversation _bot = new();
    private readonly TestAdapter _adapter = new();

    [Fact]
    public async Task TheTurnsTypedIntentStartsItsDialogWithoutAskingTheClassifierAgain()
    {
        var turn = new TurnContext(_adapter, _bot.NewMessage("the parcel thing"));
        TurnIntent.Set(turn, Understood(OrderStatus));

        await _bot.Engine.ContinueAsync(turn, CancellationToken.None);

        Assert.Equal([_bot.Prompt(OrderStatus, "orderNumber")], _adapter.Sent.Select(a => a.Text));
        _bot.Classifier.Verify(c => c.Classify(It.IsAny<string?>()), Times.Never);
    }

    [Fact]
    public async Task TheTypedIntentWinsOverAnIntentEntityOnTheActivity()
    {
        var message = _bot.NewMessage("the parcel thing");
        IntentEntity.Attach(message, Understood(IntentNames.OutOfScope));
        var turn = new TurnContext(_adapter, message);
        TurnIntent.Set(turn, Understood(OrderStatus));

        await _bot.Engine.ContinueAsync(turn, CancellationToken.None);

        Assert.Equal([_bot.Prompt(OrderStatus, "orderNumber")], _adapter.Sent.Select(a => a.Text));
    }

    [Fact]
    public async Task ATurnRecoveredFromTheLogReadsTheIntentEntity()
    {
        var message = _bot.NewMessage("the parcel thing");
        IntentEntity.Attach(message, Understood(OrderStatus));

        await _bot.Engine.ContinueAsync(new TurnContext(_adapter, message), CancellationToken.None);

        Assert.Equal([_bot.Prompt(OrderStatus, "orderNumber")], _adapter.Sent.Select(a => a.Text));
        _bot.Classifier.Verify(c => c.Classify(It.IsAny<string?>()), Times.Never);
    }

    public void Dispose() => _bot.Dispose();

    private static IntentResult Understood(string intent) =>
        new(intent, 0.93f, false, "en", [new(intent, 0.93f)], "test-model");
}

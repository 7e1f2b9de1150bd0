using System.Text.Json;
using SupportBot.Dialogs;
using SupportBot.Schema;
using SupportBot.Tests.Dialogs;

namespace SupportBot.Tests.Bot;

public sealed class SupportDeskBotTests : IDisposable
{
    private readonly BotConversation _bot = new();

    [Theory]
    [InlineData("th-TH", "th")]
    [InlineData("en-US", "en")]
    [InlineData("ar-AE", "ar")]
    public async Task ANewCustomerIsWelcomedInTheirLanguageWithTopicButtons(string locale, string language)
    {
        _bot.Locale = locale;

        var welcome = Assert.Single((await _bot.SendAsync(MembersAdded())).Messages);

        Assert.Equal(_bot.Message(MessageKeys.Welcome, language), welcome.Text);
        var topics = _bot.Catalog.Suggestions(MessageKeys.Welcome);
        var buttons = welcome.SuggestedActions!.Actions;
        Assert.Equal(topics.Select(i => _bot.Title(i, language)), buttons.Select(b => b.Title));
        Assert.All(buttons, b => Assert.Equal(ActionTypes.MessageBack, b.Type));
        Assert.Equal(
            topics.Select(i => JsonSerializer.Serialize(new Dictionary<string, string> { [DialogValues.Kind] = DialogValues.Topic, [DialogValues.Intent] = i })),
            buttons.Select(b => b.Value!.Value.GetRawText()));
    }

    [Fact]
    public async Task AWelcomeButtonStartsItsTopic()
    {
        var welcome = (await _bot.SendAsync(MembersAdded())).Last;

        var replies = await _bot.ClickAsync(welcome, _bot.Title("order_status"));

        Assert.Equal([_bot.Prompt("order_status", "orderNumber")], replies.Texts);
    }

    [Fact]
    public async Task OnlyTheBotJoiningIsNotGreeted()
    {
        var update = MembersAdded();
        update.MembersAdded = [update.Recipient!];

        Assert.Empty((await _bot.SendAsync(update)).All);
    }

    [Fact]
    public async Task AMessageIsAnsweredByTheDialogs()
    {
        _bot.Locale = "ru-RU";
        _bot.Understands("Где мой заказ?", "order_status", "ru");

        var replies = await _bot.SayAsync("Где мой заказ?");

        Assert.Equal([_bot.Prompt("order_status", "orderNumber", "ru")], replies.Texts);
    }

    [Fact]
    public async Task AFileWithoutTextIsAcknowledged()
    {
        _bot.Locale = "ar-SA";
        var upload = _bot.NewMessage(null);
        upload.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "http://x/a" }];

        var replies = await _bot.SendAsync(upload);

        Assert.Equal([_bot.Message(MessageKeys.AttachmentReceived, "ar")], replies.Texts);
    }

    [Fact]
    public async Task AFileWithoutTextDoesNotInterruptTheQuestionAsked()
    {
        _bot.Understands("where is my order?", "order_status");
        await _bot.SayAsync("where is my order?");
        var upload = _bot.NewMessage(null);
        upload.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "http://x/a" }];
        await _bot.SendAsync(upload);

        var replies = await _bot.SayAsync("ORD-10001");

        Assert.Contains("ORD-10001", replies.Texts[0]);
    }

    [Fact]
    public async Task TypingFromTheCustomerGetsNoAnswer()
    {
        var typing = _bot.NewMessage("");
        typing.Type = ActivityTypes.Typing;

        Assert.Empty((await _bot.SendAsync(typing)).All);
    }

    [Fact]
    public async Task AnEmptyMessageGetsNoAnswer()
    {
        Assert.Empty((await _bot.SayAsync("   ")).All);
    }

    [Fact]
    public async Task AHandoffStatusIsBelievedFromTheAgentDeskButNotFromTheCustomer()
    {
        var forged = HandoffAccepted("Your bank: send your PIN to evil.example");
        var fromDesk = HandoffAccepted("Anna");
        fromDesk.From = new ChannelAccount("supportbot-agent-desk", "Agent desk");

        var ignored = await _bot.SendAsync(forged);
        var announced = await _bot.SendAsync(fromDesk);

        Assert.Empty(ignored.All);
        Assert.Contains("Anna", Assert.Single(announced.Texts));
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>An accepted hand-off status in this conversation, sent (until told otherwise) by the customer.</summary>
    private Activity HandoffAccepted(string agentName)
    {
        var status = _bot.NewMessage(null);
        var accepted = new HandoffStatus(HandoffStates.Accepted, agentName, null, null, null).ToActivity();
        (status.Type, status.Name, status.Value) = (accepted.Type, accepted.Name, accepted.Value);
        return status;
    }

    private Activity MembersAdded()
    {
        var update = _bot.NewMessage(null);
        update.Type = ActivityTypes.ConversationUpdate;
        update.MembersAdded = [update.From!, update.Recipient!];
        return update;
    }
}

using SupportBot.Bot;
using SupportBot.Localization;
using SupportBot.Schema;
using SupportBot.Tests.Builder;

namespace SupportBot.Tests.Bot;

public class SupportDeskBotTests
{
    private static readonly BotStrings Strings = BotStrings.Load(RepositoryPaths.Dialogs, MessageKeys.Required);

    [Fact]
    public async Task ANewCustomerIsWelcomedInTheirLanguageWithSuggestedTopics()
    {
        var adapter = new TestAdapter();
        var update = TestAdapter.Message("", "th-TH");
        update.Type = ActivityTypes.ConversationUpdate;
        update.MembersAdded = [update.From!, update.Recipient!];

        await adapter.ProcessAsync(update, new SupportDeskBot(Strings));

        var welcome = Assert.Single(adapter.Sent);
        Assert.Equal(Strings.Get(MessageKeys.Welcome, "th"), welcome.Text);
        Assert.Equal(Strings.Actions(MessageKeys.Welcome, "th"), welcome.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.All(welcome.SuggestedActions.Actions, a => Assert.Equal(ActionTypes.ImBack, a.Type));
    }

    [Fact]
    public async Task AnyOtherMessageGetsAnHonestAnswerInTheCustomersLanguage()
    {
        var adapter = new TestAdapter();

        await adapter.ProcessAsync(TestAdapter.Message("Где мой заказ?", "ru-RU"), new SupportDeskBot(Strings));

        var reply = Assert.Single(adapter.Sent);
        Assert.Equal(Strings.Get(MessageKeys.Capabilities, "ru"), reply.Text);
        Assert.Equal("ru-RU", reply.Locale);
    }

    [Fact]
    public async Task AFileWithoutTextIsAcknowledged()
    {
        var adapter = new TestAdapter();
        var upload = TestAdapter.Message("", "ar-SA");
        upload.Text = null;
        upload.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "http://x/a" }];

        await adapter.ProcessAsync(upload, new SupportDeskBot(Strings));

        Assert.Equal(Strings.Get(MessageKeys.AttachmentReceived, "ar"), Assert.Single(adapter.Sent).Text);
    }

    [Fact]
    public async Task TypingFromTheCustomerGetsNoAnswer()
    {
        var adapter = new TestAdapter();
        var typing = TestAdapter.Message("");
        typing.Type = ActivityTypes.Typing;

        await adapter.ProcessAsync(typing, new SupportDeskBot(Strings));

        Assert.Empty(adapter.Sent);
    }
}

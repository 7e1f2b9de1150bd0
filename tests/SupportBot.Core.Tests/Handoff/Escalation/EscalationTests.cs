using Moq;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Schema;
using SupportBot.Tests.Dialogs;

namespace SupportBot.Tests.Handoff.Escalation;

/// <summary>Each reason the bot hands a conversation to a person, the honesty check before queueing, and the queue's messages.</summary>
public sealed partial class EscalationTests : IDisposable
{
    private readonly BotConversation _chat = new(handoff: new HandoffOptions());

    [Theory]
    [InlineData("agent", "en-US")]
    [InlineData("Оператор!", "ru-RU")]
    [InlineData("ขอคุยกับเจ้าหน้าที่ค่ะ", "th-TH")]
    [InlineData("موظف", "ar-SA")]
    public async Task AskingForAPersonInAnyLanguageQueuesTheConversation(string text, string locale)
    {
        _chat.Locale = locale;
        var replies = await _chat.SayAsync(text);

        await AssertQueuedAsync(HandoffReasons.CustomerRequest);
        var language = locale[..2];
        Assert.Equal(HandoffService.Fill(_chat.Message(HandoffMessages.Queued, language), 1, 1), replies.Texts.Last());
    }

    [Fact]
    public async Task TheTalkToAPersonButtonQueuesTheConversation()
    {
        var welcome = await _chat.SendAsync(Update());
        await _chat.ClickAsync(welcome.Last, _chat.Title("talk_to_human"));

        await AssertQueuedAsync(HandoffReasons.CustomerRequest);
    }

    [Fact]
    public async Task TheHandoffEventCarriesTheContextAndTheTranscript()
    {
        _chat.Understands("where is ORD-10002", "order_status");
        _chat.Understands("I want to talk to someone", "talk_to_human", confidence: 0.81f);
        await _chat.SayAsync("where is ORD-10002");
        var replies = await _chat.SayAsync("I want to talk to someone");

        var initiate = Assert.Single(replies.All, a => a.Type == ActivityTypes.Event && a.Name == HandoffEventNames.InitiateHandoff);
        var value = initiate.Value!.Value;
        Assert.Equal(HandoffReasons.CustomerRequest, value.GetProperty("reason").GetString());
        Assert.Equal("talk_to_human", value.GetProperty("intent").GetString());
        Assert.Equal(0.81f, value.GetProperty("confidence").GetSingle());
        Assert.Equal("en", value.GetProperty("language").GetString());
        Assert.Equal("ORD-10002", value.GetProperty("slots").GetProperty("orderNumber").GetString());
        Assert.Equal(_chat.LastId, initiate.ReplyToId);
        var transcript = Assert.Single(initiate.Attachments!);
        Assert.Equal("Transcript", transcript.Name);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, transcript.Content!.Value.GetProperty("activities").ValueKind);
    }

    [Fact]
    public async Task StayingBelowTheThresholdAfterOneClarificationQueuesTheConversation()
    {
        Assert.Equal([_chat.Message("notUnderstood")], (await _chat.SayAsync("purple elephants")).Texts);
        Assert.Null(await _chat.Handoffs.GetAsync(BotConversation.ConversationId));

        await _chat.SayAsync("zxqv blorp");

        await AssertQueuedAsync(HandoffReasons.LowConfidence);
    }

    [Fact]
    public async Task AnAmbiguousAnswerToDidYouMeanCountsAsStillBelowTheThreshold()
    {
        _chat.Hesitates("my money", "refund_status", "payment_failed");
        _chat.Hesitates("the money thing", "refund_status", "payment_failed");
        await _chat.SayAsync("my money");

        await _chat.SayAsync("the money thing");

        await AssertQueuedAsync(HandoffReasons.LowConfidence);
    }

    [Fact]
    public async Task ConsecutiveMisunderstandingsReachingTheLimitQueueTheConversation()
    {
        _chat.Understands("where is my order", "order_status");
        await _chat.SayAsync("where is my order");
        Assert.Equal([_chat.Retry("order_status", "orderNumber")], (await _chat.SayAsync("my cat")).Texts);

        var replies = await _chat.SayAsync("the blue one");

        await AssertQueuedAsync(HandoffReasons.Misunderstood);
        Assert.DoesNotContain(_chat.Retry("order_status", "orderNumber"), replies.Texts);
        Assert.Equal("order_status", Assert.Single((await _chat.MemoryAsync()).Paused).Intent);
    }

    [Theory]
    [InlineData("complaint")]
    [InlineData("delete_account")]
    public async Task IntentsConfiguredToAlwaysGoToAPersonQueueTheConversation(string intent)
    {
        _chat.Understands("about my account", intent);

        await _chat.SayAsync("about my account");

        await AssertQueuedAsync(HandoffReasons.AlwaysHuman);
        Assert.Equal(intent, (await _chat.Handoffs.GetAsync(BotConversation.ConversationId))!.Intent);
    }

    [Fact]
    public async Task TheSameMessageThreeTimesInARowQueuesTheConversation()
    {
        _chat.Understands("where is my order", "order_status");
        await _chat.SayAsync("where is my order");
        await _chat.SayAsync("Where is my order?");
        Assert.Null(await _chat.Handoffs.GetAsync(BotConversation.ConversationId));

        await _chat.SayAsync("where is my order");

        await AssertQueuedAsync(HandoffReasons.RepeatedMessage);
    }

    [Theory]
    [InlineData("this is useless", "en-US")]
    [InlineData("Это просто безобразие", "ru-RU")]
    [InlineData("บริการห่วยมาก", "th-TH")]
    [InlineData("خدمة سيئة جدا", "ar-SA")]
    public async Task AnAngryPhraseQueuesTheConversation(string text, string locale)
    {
        _chat.Locale = locale;

        await _chat.SayAsync(text);

        await AssertQueuedAsync(HandoffReasons.AngryPhrase);
    }

    [Fact]
    public async Task AWordThatOnlyContainsAnAngryPhraseDoesNotCount()
    {
        _chat.Understands("usefulness of the warranty", "warranty");

        await _chat.SayAsync("usefulness of the warranty");

        Assert.Null(await _chat.Handoffs.GetAsync(BotConversation.ConversationId));
    }

    [Fact]
    public async Task ASwitchedOffRuleDoesNotEscalate()
    {
        using var chat = new BotConversation(handoff: new HandoffOptions { OnAngryPhrases = false, AlwaysHumanIntents = [] });
        chat.Understands("my complaint", "complaint");

        await chat.SayAsync("this is useless");
        await chat.SayAsync("my complaint");

        Assert.Null(await chat.Handoffs.GetAsync(BotConversation.ConversationId));
    }

    public void Dispose() => _chat.Dispose();

    private async Task AssertQueuedAsync(string reason)
    {
        var record = await _chat.Handoffs.GetAsync(BotConversation.ConversationId);
        Assert.NotNull(record);
        Assert.Equal((HandoffStage.Queued, reason), (record.Stage, record.Reason));
        _chat.Notifier.Verify(n => n.EscalatedAsync(It.Is<HandoffRecord>(r => r.Reason == reason), It.IsAny<CancellationToken>()), Times.Once);
    }

    private Activity Update()
    {
        var update = _chat.NewMessage(null);
        update.Type = ActivityTypes.ConversationUpdate;
        update.MembersAdded = [update.From!, update.Recipient!];
        return update;
    }

    private Activity Status(HandoffStatus status)
    {
        var activity = status.ToActivity();
        var template = _chat.NewMessage(null);
        activity.Id = template.Id;
        activity.ChannelId = template.ChannelId;
        activity.Conversation = template.Conversation;
        activity.From = new ChannelAccount("supportbot-agent-desk");
        activity.Recipient = template.Recipient;
        activity.Locale = _chat.Locale;
        return activity;
    }

    private static HandoffRecord Waiting(string conversationId) => new()
    {
        ConversationId = conversationId, Reason = HandoffReasons.CustomerRequest, Language = "en", Skill = "general", UserId = "u", Stage = HandoffStage.Queued,
    };
}

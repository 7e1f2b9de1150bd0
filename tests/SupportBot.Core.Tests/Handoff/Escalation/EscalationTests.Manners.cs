using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Escalation;
using SupportBot.Schema;
using SupportBot.Tests.Dialogs;

namespace SupportBot.Tests.Handoff.Escalation;

/// <summary>What the bot does not hand to a person on its own, and how it takes a chat back.</summary>
public sealed partial class EscalationTests
{
    [Fact]
    public async Task OffTopicMessagesGetAPlainRefusalWithTopicsAndAPersonOnOfferButAreNotHandedOver()
    {
        string[] questions = ["what's the weather in Paris", "tell me a joke", "who won the football"];
        foreach (var question in questions)
        {
            _chat.FindsOffTopic(question);
        }

        foreach (var question in questions)
        {
            var replies = await _chat.SayAsync(question);

            Assert.Equal([_chat.Message(MessageKeys.OutOfScope)], replies.Texts);
            Assert.Contains(_chat.Title("talk_to_human"), replies.Last.SuggestedActions!.Actions.Select(a => a.Title));
            Assert.Contains(_chat.Title("order_status"), replies.Last.SuggestedActions!.Actions.Select(a => a.Title));
        }

        Assert.Null(await _chat.Handoffs.GetAsync(BotConversation.ConversationId));
    }

    [Fact]
    public async Task AnInScopeMessageTheBotCouldNotPlaceAfterAnOffTopicOneIsClarifiedNotHandedOver()
    {
        _chat.FindsOffTopic("tell me a joke");
        await _chat.SayAsync("tell me a joke");

        var replies = await _chat.SayAsync("zxqv blorp");

        Assert.Equal([_chat.Message(MessageKeys.NotUnderstood)], replies.Texts);
        Assert.Null(await _chat.Handoffs.GetAsync(BotConversation.ConversationId));
    }

    [Fact]
    public async Task ReturnedToTheBotWithoutATopicItSaysItIsBackAndRepeatsNothingFromBefore()
    {
        _chat.Understands("where is my order", "order_status");
        await _chat.SayAsync("where is my order");
        await _chat.SayAsync("agent");

        var replies = await _chat.SendAsync(Status(new HandoffStatus(HandoffStates.Completed, "Anna", HandoffStatus.Returned, null, null)));

        Assert.Equal([_chat.Message(HandoffMessages.Returned).Replace("{agent}", "Anna", StringComparison.Ordinal)], replies.Texts);
        Assert.Contains(_chat.Title("order_status"), replies.Last.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Empty((await _chat.MemoryAsync()).Paused);
        Assert.Null((await _chat.MemoryAsync()).Active);
    }

    [Fact]
    public async Task TheLinesThatSayAPersonJoinedOrLeftCarryTheHandoffStatusForTheWidget()
    {
        await _chat.SayAsync("agent");

        var joined = await _chat.SendAsync(Status(new HandoffStatus(HandoffStates.Accepted, "Anna", null, null, null)));
        var back = await _chat.SendAsync(Status(new HandoffStatus(HandoffStates.Completed, "Anna", HandoffStatus.Returned, null, null)));

        var joinedStatus = joined.Last.ChannelData!.Value.GetProperty(ChannelDataNames.Handoff);
        Assert.Equal((HandoffStates.Accepted, "Anna"), (joinedStatus.GetProperty("state").GetString(), joinedStatus.GetProperty("agentName").GetString()));
        var backStatus = back.Last.ChannelData!.Value.GetProperty(ChannelDataNames.Handoff);
        Assert.Equal(HandoffStatus.Returned, backStatus.GetProperty("outcome").GetString());
    }
}

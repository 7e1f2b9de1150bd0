using Moq;
using Moq.Protected;
using SupportBot.Builder;
using SupportBot.Schema;

namespace SupportBot.Tests.Builder;

public class BotAdapterTests
{
    private sealed class Recorder(List<string> log, string name, bool callNext = true) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            log.Add($"{name} before");
            if (callNext)
            {
                await next(cancellationToken);
            }

            log.Add($"{name} after");
        }
    }

    [Fact]
    public async Task MiddlewareRunsInOrderAroundTheBot()
    {
        var log = new List<string>();
        var adapter = new TestAdapter();
        adapter.Use(new Recorder(log, "first")).Use(new Recorder(log, "second"));

        await adapter.ProcessAsync(TestAdapter.Message("hi"), (_, _) => { log.Add("bot"); return Task.CompletedTask; });

        Assert.Equal(["first before", "second before", "bot", "second after", "first after"], log);
    }

    [Fact]
    public async Task MiddlewareThatDoesNotCallNextKeepsTheBotFromRunning()
    {
        var log = new List<string>();
        var adapter = new TestAdapter();
        adapter.Use(new Recorder(log, "gate", callNext: false));

        await adapter.ProcessAsync(TestAdapter.Message("hi"), (_, _) => { log.Add("bot"); return Task.CompletedTask; });

        Assert.DoesNotContain("bot", log);
    }

    [Fact]
    public async Task RepliesAreAddressedToTheConversationAndTheSender()
    {
        var adapter = new TestAdapter();

        await adapter.ProcessAsync(TestAdapter.Message("hi", "th-TH"), (turn, ct) => turn.SendActivityAsync("hello", ct));

        var reply = Assert.Single(adapter.Sent);
        Assert.Equal(("conv-1", "bot", "user-1", "conv-1|0000001", "th-TH", Channels.Test),
            (reply.Conversation!.Id, reply.From!.Id, reply.Recipient!.Id, reply.ReplyToId, reply.Locale, reply.ChannelId));
    }

    [Fact]
    public async Task TypingIsSentWithoutReplyToIdAndDoesNotCountAsAResponse()
    {
        var adapter = new TestAdapter();
        var responded = true;

        await adapter.ProcessAsync(TestAdapter.Message("hi"), async (turn, ct) =>
        {
            await turn.SendActivityAsync(MessageFactory.Typing(), ct);
            responded = turn.Responded;
        });

        Assert.Null(Assert.Single(adapter.Sent).ReplyToId);
        Assert.False(responded);
    }

    [Fact]
    public async Task SendHandlersCanChangeOutgoingActivities()
    {
        var adapter = new TestAdapter();

        await adapter.ProcessAsync(TestAdapter.Message("hi"), async (turn, ct) =>
        {
            turn.OnSendActivities((_, activities, next) =>
            {
                activities.ForEach(a => a.Text = a.Text?.ToUpperInvariant());
                return next();
            });
            await turn.SendActivityAsync("quiet", ct);
        });

        Assert.Equal("QUIET", Assert.Single(adapter.Sent).Text);
    }

    [Fact]
    public async Task AnExceptionInTheTurnReachesOnTurnErrorWhichCanStillAnswer()
    {
        var bot = new Mock<IBot>();
        bot.Setup(b => b.OnTurnAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));
        var adapter = new TestAdapter();
        Exception? seen = null;
        adapter.OnTurnError = async (turn, ex) =>
        {
            seen = ex;
            await turn.SendActivityAsync("sorry");
        };

        await adapter.ProcessAsync(TestAdapter.Message("hi"), bot.Object);

        Assert.Equal("boom", seen?.Message);
        Assert.Equal("sorry", Assert.Single(adapter.Sent).Text);
    }

    [Fact]
    public async Task WithoutOnTurnErrorTheExceptionPropagates()
    {
        var adapter = new TestAdapter();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            adapter.ProcessAsync(TestAdapter.Message("hi"), (_, _) => throw new InvalidOperationException("boom")));
    }

    [Fact]
    public async Task ActivityHandlerWelcomesOnlyMembersOtherThanTheBot()
    {
        var welcomed = new List<string>();
        var handler = new Mock<ActivityHandler> { CallBase = true };
        handler.Protected().Setup<Task>("OnMembersAddedAsync", ItExpr.IsAny<IReadOnlyList<ChannelAccount>>(), ItExpr.IsAny<ITurnContext>(), ItExpr.IsAny<CancellationToken>())
            .Callback<IReadOnlyList<ChannelAccount>, ITurnContext, CancellationToken>((members, _, _) => welcomed.AddRange(members.Select(m => m.Id!)))
            .Returns(Task.CompletedTask);
        var update = TestAdapter.Message("");
        update.Type = ActivityTypes.ConversationUpdate;
        update.MembersAdded = [new ChannelAccount("bot"), new ChannelAccount("user-1")];

        await new TestAdapter().ProcessAsync(update, handler.Object);

        Assert.Equal(["user-1"], welcomed);
    }
}

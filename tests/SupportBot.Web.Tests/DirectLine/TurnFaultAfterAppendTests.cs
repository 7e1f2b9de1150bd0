using System.Net;
using System.Reflection;
using SupportBot.Conversations;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

/// <summary>
/// Once the customer's message is stored, nothing that goes wrong while running the turns may fail the request:
/// the message will be answered, and a 500 would say it failed (and invite a resend).
/// </summary>
public sealed class TurnFaultAfterAppendTests
{
    [Fact]
    public async Task AMessageStoredBeforeTheTurnsFailedIsAcknowledgedAndAnsweredWithTheNextOne()
    {
        var fault = new Fault();
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IConversationLog>(sp =>
            FailingTurns.Around(sp.GetRequiredService<MemoryConversationLog>(), fault)));
        var conversation = await app.Client.StartAsync();

        fault.Armed = true;
        var response = await app.Client.PostActivityAsync(conversation, """{"type":"message","text":"where is my order?","locale":"en-US","from":{"id":"u"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = (await ReadObjectAsync(response))["id"]!.GetValue<string>();
        Assert.False(fault.Armed); // the fault did happen, after the message was stored
        var (stored, _) = await app.Client.GetActivitiesAsync(conversation);
        Assert.Contains(stored, a => a["id"]!.GetValue<string>() == first);

        var second = await app.Client.SayAsync(conversation, "thanks");
        await app.Client.WaitForReplyAsync(conversation, first);
        await app.Client.WaitForReplyAsync(conversation, second);
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);
        Assert.Single(activities, a => a["replyToId"]?.GetValue<string>() == first);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException { Message: "a bug" });
    }

    public sealed class Fault
    {
        public volatile bool Armed;
    }

    /// <summary>The in-memory log, except that once armed, looking up the next pending turn fails once with a bug.</summary>
    public class FailingTurns : DispatchProxy
    {
        private IConversationLog _inner = null!;
        private Fault _fault = null!;

        internal static IConversationLog Around(IConversationLog inner, Fault fault)
        {
            var proxy = Create<IConversationLog, FailingTurns>();
            ((FailingTurns)(object)proxy)._inner = inner;
            ((FailingTurns)(object)proxy)._fault = fault;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IConversationLog.NextPendingTurnAsync) && _fault.Armed)
            {
                _fault.Armed = false;
                return Task.FromException<PendingTurn?>(new InvalidOperationException("a bug"));
            }

            return method.Invoke(_inner, args);
        }
    }
}

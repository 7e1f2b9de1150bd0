using System.Net;
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
        var armed = 0;
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IConversationLog>(sp =>
            FaultyConversationLog.Around(sp.GetRequiredService<MemoryConversationLog>(), method =>
                method == nameof(IConversationLog.NextPendingTurnAsync) && Interlocked.Exchange(ref armed, 0) == 1
                    ? new InvalidOperationException("a bug")
                    : null)));
        var conversation = await app.Client.StartAsync();

        Volatile.Write(ref armed, 1); // the next lookup of a pending turn fails once
        var response = await app.Client.PostActivityAsync(conversation, """{"type":"message","text":"where is my order?","locale":"en-US","from":{"id":"u"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = (await ReadObjectAsync(response))["id"]!.GetValue<string>();
        Assert.Equal(0, Volatile.Read(ref armed)); // the fault did happen, after the message was stored
        var (stored, _) = await app.Client.GetActivitiesAsync(conversation);
        Assert.Contains(stored, a => a["id"]!.GetValue<string>() == first);

        var second = await app.Client.SayAsync(conversation, "thanks");
        await app.Client.WaitForReplyAsync(conversation, first);
        await app.Client.WaitForReplyAsync(conversation, second);
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);
        Assert.Single(activities, a => a["replyToId"]?.GetValue<string>() == first);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException { Message: "a bug" });
    }
}

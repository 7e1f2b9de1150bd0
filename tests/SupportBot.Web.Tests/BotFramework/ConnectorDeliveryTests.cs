using SupportBot.Tests.Infrastructure;
using SupportBot.Web.BotFramework;

namespace SupportBot.Tests.BotFramework;

/// <summary>Replies on their way to a connector that is busy or down.</summary>
public sealed class ConnectorDeliveryTests
{
    [Fact]
    public async Task AConnectorAnswering429ThenOkReceivesTheReplyOnce()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Bot:ConnectorRetryDelay"] = "00:00:00.050" });
        connector.Answers.Enqueue(429);

        var started = DateTime.UtcNow;
        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "busy-conv", "where is my order"));
        await connector.NextAsync();
        await app.Services.GetRequiredService<ConnectorOutbox>().DrainAsync();

        Assert.Equal(2, connector.Attempts); // the 429 and the retry
        Assert.Single(connector.Received, r => r.Activity["type"]!.GetValue<string>() == "message"); // and it arrived once
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1), "the retry waited for Retry-After: 1");
    }

    [Fact]
    public async Task AConnectorThatStaysDownIsLoggedWithTheConversationAndOtherConversationsStillGetTheirReplies()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Bot:ConnectorRetryDelay"] = "00:00:00.050",
            ["Bot:ConnectorRetries"] = "2",
        });
        connector.DownFor = "down-conv";

        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "down-conv", "where is my order"));
        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "up-conv", "where is my order"));
        var other = await connector.NextAsync();
        await app.Services.GetRequiredService<ConnectorOutbox>().DrainAsync();

        Assert.Equal("up-conv", other.Activity["conversation"]!["id"]!.GetValue<string>());
        var failure = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Category.EndsWith(nameof(ConnectorOutbox), StringComparison.Ordinal));
        Assert.Contains(SupportBot.Conversations.ChannelConversationIds.For("emulator", "down-conv"), failure.Message);
    }

    [Fact]
    public async Task AnActivityTheConnectorRefusesWith400IsPassedOverAndTheRepliesAfterItStillArrive()
    {
        // The Agents Playground answers 400 to the bot's handoff.initiate event; what the customer is told after it
        // must not wait behind an activity the connector will never take.
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Bot:ConnectorRetryDelay"] = "00:00:00.050" });
        connector.Answers.Enqueue(400);

        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "picky-conv", "where is my order"));
        await app.Services.GetRequiredService<ConnectorOutbox>().DrainAsync();
        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "picky-conv", "ORD-10002"));
        var next = await connector.NextAsync(a => a["text"]?.GetValue<string>()?.Contains("ORD-10002", StringComparison.Ordinal) == true, seconds: 5);

        Assert.Equal(1, connector.Attempts - connector.Received.Count); // the refused one was not sent again
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("refused", StringComparison.Ordinal));
        Assert.NotNull(next.Activity);
    }

    [Fact]
    public async Task AReplyTheConnectorKeptRefusingIsSentByTheSweepOnceTheConnectorIsBack()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Bot:ConnectorRetries"] = "0",
            ["Conversations:RedeliverAfter"] = "00:00:00.200",
        });
        connector.DownFor = "flaky-conv";

        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "flaky-conv", "where is my order"));
        var until = DateTime.UtcNow.AddSeconds(15);
        while (connector.Attempts < 3 && DateTime.UtcNow < until)
        {
            await Task.Delay(25);
        }

        connector.DownFor = null;
        var (_, _, reply) = await connector.NextAsync(a => a["type"]!.GetValue<string>() == "message", seconds: 15);

        Assert.True(connector.Attempts >= 4, "the sweep sent the reply again while the connector was down, and once more when it was back");
        Assert.Equal("flaky-conv", reply["conversation"]!["id"]!.GetValue<string>());
        var id = SupportBot.Conversations.ChannelConversationIds.For("emulator", "flaky-conv");
        Assert.True(app.Logs.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains(id, StringComparison.Ordinal)) >= 2);
    }
}

using System.Net;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.BotFramework;

/// <summary>Replies to /api/messages conversations that outlive the server process that produced them.</summary>
public sealed class ConnectorRedeliveryServerTests
{
    [Fact]
    public async Task AReplyTheConnectorRefusedBeforeTheServerWasKilledReachesItFromTheNextServer()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        await using var connector = await LocalConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Bot:AllowAnonymousInProduction"] = "true",
            ["Bot:ConnectorRetries"] = "0",
            ["Conversations:RedeliverAfter"] = "00:00:01",
        };
        var activity = ChannelActivity.Message(connector.BaseUrl, "killed-conv", "where is my order");
        connector.DownFor = "killed-conv";

        await using (var before = await ServerProcess.StartAsync(prefix, settings))
        {
            var response = await ChannelActivity.PostAsync(before.BaseUrl, activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var until = DateTime.UtcNow.AddSeconds(10);
            while (connector.Attempts == 0 && DateTime.UtcNow < until)
            {
                await Task.Delay(25);
            }

            Assert.True(connector.Attempts > 0, "the reply was never offered to the connector");
            await before.KillAsync();
        }

        Assert.Empty(connector.Received);
        connector.DownFor = null; // the connector is back; so is a server
        await using var after = await ServerProcess.StartAsync(prefix, settings);
        var (path, _, reply) = await connector.NextAsync(a => a["type"]!.GetValue<string>() == "message", seconds: 30);

        Assert.Equal($"/v3/conversations/killed-conv/activities/{activity["id"]}", path);
        Assert.Equal("killed-conv", reply["conversation"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(reply["text"]?.GetValue<string>()));
    }
}

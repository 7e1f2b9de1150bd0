using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

public class StreamTests
{
    [Fact]
    public async Task TheStreamReplaysTheConversationThenDeliversTheEchoAndTheReply()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        using var socket = await OpenStreamAsync(conversation.StreamUrl);
        var replayed = await ReceiveActivitiesAsync(socket, 2);
        var id = await app.Client.SayAsync(conversation, "hello", clientActivityId: "abc");
        var live = await ReceiveActivitiesAsync(socket, 2);

        Assert.Equal(["conversationUpdate", "message"], replayed.Select(a => a["type"]!.GetValue<string>()));
        Assert.Equal(id, live[0]["id"]!.GetValue<string>());
        Assert.Equal("abc", live[0]["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal(id, live[1]["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AReconnectedStreamSendsOnlyWhatCameAfterTheWatermark()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();
        var id = await app.Client.SayAsync(conversation, "first");
        await app.Client.WaitForReplyAsync(conversation, id);

        var reconnect = await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}?watermark=3", conversation.Token));
        using var socket = await OpenStreamAsync(reconnect["streamUrl"]!.GetValue<string>());
        var frame = JsonNode.Parse(await ReceiveFrameAsync(socket))!;

        Assert.Equal([$"{conversation.Id}|0000004"], frame["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal("4", frame["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnIdleStreamGetsKeepAlivesAndToleratesTheClientsEmptyFrames()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["DirectLine:KeepAliveInterval"] = "00:00:00.200" });
        var conversation = await app.Client.StartAsync();
        using var socket = await OpenStreamAsync(conversation.StreamUrl);
        await ReceiveActivitiesAsync(socket, 2);

        await socket.SendAsync(Encoding.UTF8.GetBytes(""), WebSocketMessageType.Text, true, CancellationToken.None);
        var keepAlive = await ReceiveFrameAsync(socket, TimeSpan.FromSeconds(3));
        await app.Client.SayAsync(conversation, "still there?");
        var after = await ReceiveActivitiesAsync(socket, 2);

        Assert.Equal("", keepAlive);
        Assert.Equal("still there?", after[0]["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("forged", 401)]
    [InlineData("other-conversation", 403)]
    [InlineData("none", 401)]
    public async Task AStreamWithABadTokenIsRefusedBeforeTheUpgrade(string kind, int status)
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();
        var other = await app.Client.StartAsync();
        var token = kind switch { "forged" => conversation.Token[..^4] + "AAAA", "other-conversation" => other.Token, _ => "" };
        var url = conversation.StreamUrl[..(conversation.StreamUrl.IndexOf("&t=", StringComparison.Ordinal) + 3)] + Uri.EscapeDataString(token);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));

        Assert.Equal(status, (int)socket.HttpStatusCode);
    }

    [Fact]
    public async Task AStreamWithAnExpiredTokenIsForbiddenWithAJsonError()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var conversation = await app.Client.StartAsync();
        clock.Advance(TimeSpan.FromMinutes(31));

        // A WebSocket client sees only the status of a refused upgrade; the same request over HttpClient shows the body.
        using var upgrade = new HttpRequestMessage(HttpMethod.Get, conversation.StreamUrl.Replace("ws://", "http://", StringComparison.Ordinal));
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        upgrade.Headers.Add("Sec-WebSocket-Version", "13");
        upgrade.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

        await AssertErrorAsync(await app.Client.Http.SendAsync(upgrade), 403, "TokenExpired");
    }

    [Fact]
    public async Task TheStreamOfAnUnknownConversationIsNotFound()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();
        var url = conversation.StreamUrl.Replace(conversation.Id, "UnknownConversation", StringComparison.Ordinal);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {TestApp.Secret}");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url.Split("&t=")[0]), CancellationToken.None));

        Assert.Equal(404, (int)socket.HttpStatusCode);
    }

    [Fact]
    public async Task APlainHttpRequestToTheStreamIsABadRequest()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var response = await app.Client.Http.GetAsync(conversation.StreamUrl.Replace("ws://", "http://", StringComparison.Ordinal));

        await AssertErrorAsync(response, 400, "BadArgument");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Hosting;

/// <summary>Each Direct Line limit refuses the request past it with 429, the JSON error body and Retry-After.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task RefreshingOneConversationsTokenPastTheLimitIsRefused()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Limits:TokenRefreshesPerMinute"] = "3" });
        var conversation = await app.Client.StartAsync();
        var other = await app.Client.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await ReadObjectAsync(await RefreshAsync(app, conversation.Token));
        }

        await AssertRefusedAsync(await RefreshAsync(app, conversation.Token));
        await ReadObjectAsync(await RefreshAsync(app, other.Token));
    }

    [Fact]
    public async Task PostingToOneConversationPastTheLimitIsRefused()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Limits:ActivitiesPerMinute"] = "3" });
        var conversation = await app.Client.StartAsync();
        var other = await app.Client.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await ReadObjectAsync(await app.Client.PostActivityAsync(conversation, Typing));
        }

        await AssertRefusedAsync(await app.Client.PostActivityAsync(conversation, Typing));
        await ReadObjectAsync(await app.Client.PostActivityAsync(other, Typing));
    }

    [Fact]
    public async Task StartingConversationsWithTheSecretPastTheLimitIsRefused()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Limits:ConversationsPerMinutePerSecret"] = "2" });
        await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", TestApp.Secret));
        Assert.Equal(HttpStatusCode.Created, (await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", TestApp.Secret)).StatusCode);

        await AssertRefusedAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", TestApp.Secret));
        await AssertRefusedAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", TestApp.Secret));
    }

    [Fact]
    public async Task ASocketPastTheCapOnOneConversationIsRefusedUntilOneCloses()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Limits:StreamsPerConversation"] = "2" });
        var conversation = await app.Client.StartAsync();
        using var first = await OpenStreamAsync(conversation.StreamUrl);
        using var second = await OpenStreamAsync(conversation.StreamUrl);

        using var third = new ClientWebSocket();
        third.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => third.ConnectAsync(new Uri(conversation.StreamUrl), CancellationToken.None));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.HttpStatusCode);
        Assert.True(third.HttpResponseHeaders!.ContainsKey("Retry-After"));

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        using var again = await OpenWhenAllowedAsync(conversation.StreamUrl);
        Assert.Equal(WebSocketState.Open, again.State);
    }

    private const string Typing = """{"type":"typing","from":{"id":"u"}}""";

    private static Task<HttpResponseMessage> RefreshAsync(TestApp app, string token) =>
        app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        await AssertErrorAsync(response, 429, "TooManyRequests");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
    }

    /// <summary>The server releases a socket's place when its request ends, a moment after the close.</summary>
    private static async Task<ClientWebSocket> OpenWhenAllowedAsync(string streamUrl)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await OpenStreamAsync(streamUrl);
            }
            catch (WebSocketException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}

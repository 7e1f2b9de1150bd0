using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Infrastructure;

/// <summary>Direct Line calls as Web Chat's DirectLineJS makes them, for tests.</summary>
public sealed class DirectLineTestClient(HttpClient http, string secret) : IDisposable
{
    public HttpClient Http { get; } = http;

    public sealed record Conversation(string Id, string Token, string StreamUrl);

    public async Task<JsonObject> GenerateTokenAsync(string? userId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        if (userId is not null)
        {
            request.Content = Json(new JsonObject { ["user"] = new JsonObject { ["id"] = userId } });
        }

        return await ReadObjectAsync(await Http.SendAsync(request));
    }

    /// <summary>tokens/generate (for <paramref name="userId"/> when given), then start with that token, as a page with a token server does.</summary>
    public async Task<Conversation> StartAsync(string locale = "en-US", string? userId = null)
    {
        var generated = await GenerateTokenAsync(userId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations")
        {
            Content = Json(new JsonObject { ["locale"] = locale }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", generated["token"]!.GetValue<string>());
        var response = await Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var started = await ReadObjectAsync(response);
        return new Conversation(started["conversationId"]!.GetValue<string>(), started["token"]!.GetValue<string>(), started["streamUrl"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostActivityAsync(Conversation conversation, string json, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token,
            new StringContent(json, Encoding.UTF8, contentType));

    public async Task<string> SayAsync(Conversation conversation, string text, string locale = "en-US", string? clientActivityId = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["locale"] = locale,
            ["from"] = new JsonObject { ["id"] = "ignored-by-server" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
        };
        var response = await PostActivityAsync(conversation, activity.ToJsonString());
        return (await ReadObjectAsync(response))["id"]!.GetValue<string>();
    }

    public async Task<(List<JsonObject> Activities, string Watermark)> GetActivitiesAsync(Conversation conversation, string watermark = "")
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities?watermark={watermark}", conversation.Token);
        var set = await ReadObjectAsync(response);
        return ([.. set["activities"]!.AsArray().Select(a => a!.AsObject())], set["watermark"]!.GetValue<string>());
    }

    /// <summary>Polls until the bot has answered <paramref name="replyToId"/>, as Web Chat in polling mode would see it.</summary>
    public async Task<JsonObject> WaitForReplyAsync(Conversation conversation, string replyToId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var (activities, _) = await GetActivitiesAsync(conversation);
            if (activities.FirstOrDefault(a => a["replyToId"]?.GetValue<string>() == replyToId) is { } reply)
            {
                return reply;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No reply to {replyToId}.");
    }

    public static async Task<ClientWebSocket> OpenStreamAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        return socket;
    }

    /// <summary>The next text frame; "" is a keep-alive.</summary>
    public static async Task<string> ReceiveFrameAsync(WebSocket socket, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }

    /// <summary>Reads frames until <paramref name="count"/> activities have arrived, skipping keep-alives.</summary>
    public static async Task<List<JsonObject>> ReceiveActivitiesAsync(WebSocket socket, int count)
    {
        var activities = new List<JsonObject>();
        while (activities.Count < count)
        {
            var frame = await ReceiveFrameAsync(socket);
            if (frame.Length > 0)
            {
                activities.AddRange(JsonNode.Parse(frame)!["activities"]!.AsArray().Select(a => a!.AsObject()));
            }
        }

        return activities;
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts a JSON error answer: the status and <c>{"error":{"code","message"}}</c>.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public void Dispose() => Http.Dispose();
}

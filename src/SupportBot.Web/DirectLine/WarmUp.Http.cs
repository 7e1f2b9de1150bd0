using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SupportBot.Schema;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace SupportBot.Web.DirectLine;

public sealed partial class WarmUp
{
    // Conversations at once: enough to keep both cores busy while some wait for their replies.
    private const int HttpConversations = 16;

    // A method is compiled three times on its way up (quickly, then with counters, then optimised from what they
    // counted), each after 30 calls, and the compiler takes the hot ones in turn behind everything else it was given:
    // calls made meanwhile do not move a method on. In one go, what runs once a conversation (the session, the start,
    // the token, the stream) stopped at the counting stage and was compiled again under the first customers (2,584
    // methods in the first 10 s after /healthz, 2026-12-08). So the HTTP turns go in rounds, each waiting for the
    // compiler to finish with the last; three rounds take a method through its three stages.
    private const int HttpRounds = 3;

    /// <summary>
    /// Customer turns over HTTP against the copy, as the widget makes them: a session, the conversation started, its
    /// stream opened, each message posted and its reply read from the stream, then /metrics read once. The turns in
    /// process compile the bot; these compile Kestrel, the middleware, the endpoints and the WebSocket stream, which a
    /// fresh server otherwise compiles under its first customers (the compiler's thread had 29% of the process's CPU in
    /// the first 10 s after /healthz, docs/performance.md, 2026-12-07). Stops when its time is up; a failure is logged
    /// and the warm-up goes on without the rest.
    /// </summary>
    private async Task<int> RunHttpTurnsAsync(WebApplication copy, int turns, long started, TimeSpan maxDuration, CancellationToken cancellationToken)
    {
        var left = maxDuration - Stopwatch.GetElapsedTime(started);
        if (turns <= 0 || left <= TimeSpan.Zero)
        {
            return 0;
        }

        var address = copy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var timeUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeUp.CancelAfter(left);
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var ran = 0;
        var next = -1;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, HttpConversations).Select(async _ =>
            {
                for (var round = Interlocked.Increment(ref next); Volatile.Read(ref ran) < turns; round = Interlocked.Increment(ref next))
                {
                    await ChatOverHttpAsync(http, Scripts[round % Scripts.Length], () => Interlocked.Increment(ref ran) <= turns, timeUp.Token);
                }
            }));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Out of time: what ran has done its part.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever it was (an answer it did not expect, a reset socket), the turns in process have run: the warm-up
            // goes on to its wait for the compiler rather than start the server cold.
            logger.LogWarning(e, "The warm-up's turns over HTTP stopped after {Turns}", Math.Min(ran, turns));
        }

        return Math.Min(ran, turns);
    }

    /// <summary>One conversation of the script, as long as <paramref name="another"/> allows one more turn.</summary>
    private static async Task ChatOverHttpAsync(HttpClient http, (string Locale, string[] Messages) script, Func<bool> another, CancellationToken cancellationToken)
    {
        using var session = await PostAsync(http, "widget/session", null, null, cancellationToken);
        var userId = session.RootElement.GetProperty("userId").GetString()!;
        using var conversation = await PostAsync(
            http, "v3/directline/conversations", session.RootElement.GetProperty("token").GetString(), $$"""{"locale":"{{script.Locale}}"}""", cancellationToken);
        var (id, token) = (conversation.RootElement.GetProperty("conversationId").GetString()!, conversation.RootElement.GetProperty("token").GetString());
        using var stream = new ClientWebSocket();
        await stream.ConnectAsync(new Uri(conversation.RootElement.GetProperty("streamUrl").GetString()!), cancellationToken);
        var buffer = new byte[16 * 1024];
        foreach (var text in script.Messages)
        {
            if (!another())
            {
                break;
            }

            var activity = new Activity { Type = ActivityTypes.Message, Text = text, Locale = script.Locale, From = new ChannelAccount { Id = userId } };
            using var posted = await PostAsync(
                http, $"v3/directline/conversations/{Uri.EscapeDataString(id)}/activities", token, JsonSerializer.Serialize(activity, SchemaJson.Wire.Activity), cancellationToken);
            await ReadUntilReplyAsync(stream, buffer, posted.RootElement.GetProperty("id").GetString()!, cancellationToken);
        }

        await stream.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);

        // And what a monitor asks between chats: /metrics, answered to loopback (whatever it answers, it is compiled).
        using var scraped = await http.GetAsync("metrics", cancellationToken);
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string path, string? token, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    /// <summary>Reads the stream's activity sets until one holds a reply to <paramref name="activityId"/>.</summary>
    private static async Task ReadUntilReplyAsync(ClientWebSocket stream, byte[] buffer, string activityId, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            do
            {
                received = await stream.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    throw new WebSocketException("The copy closed the stream before the reply came.");
                }

                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            if (message.Length == 0)
            {
                continue; // a keep-alive
            }

            using var set = JsonDocument.Parse(message.GetBuffer().AsMemory(0, (int)message.Length));
            if (set.RootElement.TryGetProperty("activities", out var activities)
                && activities.EnumerateArray().Any(a => a.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == activityId))
            {
                return;
            }
        }
    }
}

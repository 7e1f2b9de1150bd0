using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A conversation's WebSocket as DirectLineJS keeps it: when the socket drops it asks
/// GET /v3/directline/conversations/{id}?watermark= for a new streamUrl (through the load balancer, so most likely
/// another process) and carries on from the last watermark it saw. Collects every activity, by id.
/// </summary>
public sealed class ReconnectingStream : IAsyncDisposable
{
    private readonly DirectLineTestClient _client;
    private readonly Conversation _conversation;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private string _watermark = "";

    public ReconnectingStream(DirectLineTestClient client, Conversation conversation)
    {
        _client = client;
        _conversation = conversation;
        _running = RunAsync(conversation.StreamUrl);
    }

    public ConcurrentDictionary<string, JsonObject> Activities { get; } = new(StringComparer.Ordinal);

    public int Reconnects { get; private set; }

    /// <summary>The bot's replies, by the id of the activity each answers (several if a turn ran twice).</summary>
    public ILookup<string, JsonObject> RepliesByActivity() =>
        Activities.Values.Where(a => a["replyToId"] is not null).ToLookup(a => a["replyToId"]!.GetValue<string>());

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }

    private async Task RunAsync(string streamUrl)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var socket = await OpenStreamAsync(streamUrl);
                await ReadUntilClosedAsync(socket);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                // Dropped, or the process it reached went away while connecting: reconnect below.
            }

            try
            {
                streamUrl = await ReconnectAsync();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReadUntilClosedAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        while (!_stop.IsCancellationRequested)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (message.Length > 0 && JsonNode.Parse(message.ToArray()) is { } set)
            {
                foreach (var activity in set["activities"]!.AsArray().Select(a => a!.AsObject()))
                {
                    Activities[activity["id"]!.GetValue<string>()] = activity;
                }

                _watermark = set["watermark"]?.GetValue<string>() ?? _watermark;
            }
        }
    }

    /// <summary>DirectLineJS's reconnect: a new streamUrl for the same conversation, from the watermark on; retried until it answers.</summary>
    private async Task<string> ReconnectAsync()
    {
        while (true)
        {
            _stop.Token.ThrowIfCancellationRequested();
            Reconnects++;
            try
            {
                var response = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{_conversation.Id}?watermark={_watermark}", _conversation.Token);
                if (response.IsSuccessStatusCode)
                {
                    return (await ReadObjectAsync(response))["streamUrl"]!.GetValue<string>();
                }
            }
            catch (HttpRequestException)
            {
                // nginx or every process is down for a moment.
            }

            await Task.Delay(200, _stop.Token);
        }
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace SupportBot.Bench;

/// <summary>
/// One Direct Line conversation: posts the customer's turns over the shared HttpClient and reads its own
/// WebSocket, timing each turn from just before the POST to the arrival of the bot's reply to it.
/// </summary>
internal sealed class ConversationClient(HttpClient http, string baseUrl, string conversationId, string userId, string token) : IAsyncDisposable
{
    public static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(10);
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly string _activitiesUrl = $"{baseUrl}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/activities";
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", token);
    private readonly Lock _gate = new();
    private ActivityStreamReader? _stream;
    private PendingTurn? _pending;
    private long _turns;
    private volatile bool _broken;

    /// <summary>True once the stream has failed; the conversation can send no more measurable turns.</summary>
    public bool IsBroken => _broken;

    public async Task ConnectAsync(Uri streamUrl, CancellationToken cancellationToken)
    {
        _stream = new ActivityStreamReader(OnActivities, OnStreamFailed);
        await _stream.ConnectAsync(streamUrl, cancellationToken);
    }

    public async Task<TurnOutcome> SendTurnAsync(CancellationToken stopping)
    {
        var pending = new PendingTurn($"{conversationId}-{++_turns}");
        lock (_gate)
        {
            // Checked under the lock that the failure is reported under, so a turn never waits on a dead socket.
            if (_broken)
            {
                return new TurnOutcome(TurnResult.SocketError, 0, Stopwatch.GetTimestamp());
            }

            _pending = pending;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(TurnTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _activitiesUrl) { Content = ActivityBody(pending.ClientActivityId) };
        request.Headers.Authorization = _authorization;
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            using (var response = await http.SendAsync(request, timeout.Token))
            {
                if (!response.IsSuccessStatusCode)
                {
                    return new TurnOutcome(TurnResult.HttpError, 0, Stopwatch.GetTimestamp());
                }

                // The reply may already have come on the socket; learning the id completes the turn then.
                if (await response.Content.ReadFromJsonAsync(WireJson.Default.ResourceResponse, timeout.Token) is { Id: { } id })
                {
                    lock (_gate)
                    {
                        pending.LearnActivityId(id);
                    }
                }
            }

            var arrivedAt = await pending.Reply.Task.WaitAsync(timeout.Token);
            return new TurnOutcome(TurnResult.Replied, Stopwatch.GetElapsedTime(startedAt, arrivedAt).TotalMilliseconds, arrivedAt);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new TurnOutcome(TurnResult.Timeout, 0, Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return new TurnOutcome(TurnResult.HttpError, 0, Stopwatch.GetTimestamp());
        }
        catch (WebSocketException)
        {
            return new TurnOutcome(TurnResult.SocketError, 0, Stopwatch.GetTimestamp());
        }
        finally
        {
            lock (_gate)
            {
                _pending = null;
            }
        }
    }

    private ByteArrayContent ActivityBody(string clientActivityId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("text", "What can you do?");
            json.WriteStartObject("from");
            json.WriteString("id", userId);
            json.WriteEndObject();
            json.WriteString("locale", "en-US");
            json.WriteStartObject("channelData");
            json.WriteString("clientActivityID", clientActivityId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    private void OnStreamFailed(Exception failure)
    {
        lock (_gate)
        {
            _broken = true;
            _pending?.Reply.TrySetException(failure as WebSocketException ?? new WebSocketException(failure.Message, failure));
        }
    }

    /// <summary>Finds, among one frame's activities, the echo of the pending turn (its id) and the bot's reply to it.</summary>
    private void OnActivities(JsonElement activities, long arrivedAt)
    {
        lock (_gate)
        {
            if (_pending is not { } pending)
            {
                return;
            }

            foreach (var activity in activities.EnumerateArray())
            {
                if (IsBotMessage(activity) && StringProperty(activity, "replyToId") is { } replyToId)
                {
                    pending.OnBotReply(replyToId, arrivedAt);
                }
                else if (activity.TryGetProperty("channelData", out var channelData)
                    && channelData.ValueKind == JsonValueKind.Object
                    && StringProperty(channelData, "clientActivityID") == pending.ClientActivityId
                    && StringProperty(activity, "id") is { } id)
                {
                    pending.LearnActivityId(id);
                }
            }
        }
    }

    private static bool IsBotMessage(JsonElement activity) =>
        activity.TryGetProperty("type", out var type) && type.ValueEquals("message")
        && activity.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object
        && from.TryGetProperty("role", out var role) && role.ValueEquals("bot");

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }
}

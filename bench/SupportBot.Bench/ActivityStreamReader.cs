using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace SupportBot.Bench;

/// <summary>
/// Reads one conversation's Direct Line WebSocket: hands each ActivitySet frame's activities, with the
/// Stopwatch timestamp of its arrival, to the owner, skips keep-alives, and reports the stream's end once.
/// </summary>
internal sealed class ActivityStreamReader(Action<JsonElement, long> onActivities, Action<Exception> onFailure) : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _reading = Task.CompletedTask;

    public async Task ConnectAsync(Uri streamUrl, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(streamUrl, cancellationToken);
        _reading = ReadAsync();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        Exception failure;
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), _closing.Token);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    failure = new WebSocketException($"The server closed the stream ({_socket.CloseStatus}).");
                    break;
                }

                // Stamp before parsing, so the client's own JSON work is not billed to the server.
                var arrivedAt = Stopwatch.GetTimestamp();
                if (count > 0)
                {
                    Dispatch(buffer.AsMemory(0, count), arrivedAt);
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is WebSocketException or JsonException)
        {
            failure = ex;
        }

        if (!_closing.IsCancellationRequested)
        {
            onFailure(failure);
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> frame, long arrivedAt)
    {
        using var document = JsonDocument.Parse(frame);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("activities", out var activities)
            && activities.ValueKind == JsonValueKind.Array)
        {
            onActivities(activities, arrivedAt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "benchmark over", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The server is gone or slow to close; aborting below is enough.
        }

        await _closing.CancelAsync();
        await _reading;
        _socket.Dispose();
        _closing.Dispose();
    }
}

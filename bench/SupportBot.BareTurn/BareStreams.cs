using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using StackExchange.Redis;

namespace SupportBot.BareTurn;

/// <summary>
/// The WebSockets open on this process, by conversation, fed by one pattern subscription to every stream channel.
/// Each socket has its own queue and writer, so a slow socket never holds up the subscription.
/// </summary>
public sealed class BareStreams(IConnectionMultiplexer redis, BareKeys keys)
{
    private readonly ConcurrentDictionary<string, Channel<byte[]>> _sockets = new(StringComparer.Ordinal);

    public Task SubscribeAsync() => redis.GetSubscriber().SubscribeAsync(keys.AllStreams, (channel, frame) =>
    {
        if (_sockets.TryGetValue(keys.ConversationOf(channel), out var queue))
        {
            queue.Writer.TryWrite((byte[])frame!);
        }
    });

    /// <summary>Serves one conversation's socket until either side closes it; a newer socket replaces an older one.</summary>
    public async Task ServeAsync(string conversationId, WebSocket socket, CancellationToken aborted)
    {
        var queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        _sockets[conversationId] = queue;
        var writing = WriteAsync(socket, queue.Reader, aborted);
        try
        {
            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away; unregistering below is all there is to do.
        }
        finally
        {
            _sockets.TryRemove(new KeyValuePair<string, Channel<byte[]>>(conversationId, queue));
            queue.Writer.TryComplete();
        }

        await writing;
        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }

    private static async Task WriteAsync(WebSocket socket, ChannelReader<byte[]> frames, CancellationToken aborted)
    {
        try
        {
            await foreach (var frame in frames.ReadAllAsync(aborted))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, aborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The reading side notices the same failure and unregisters the socket.
        }
    }
}

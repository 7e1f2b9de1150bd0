using System.Net.WebSockets;
using System.Threading.Channels;
using SupportBot.Conversations;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// One customer's WebSocket: replays the log after the watermark, then forwards every new activity in order,
/// whichever server process appended it, and sends an empty keep-alive frame when idle.
/// </summary>
public sealed class ActivityStream(WebSocket socket, IConversationLog log, DirectLineOptions options, ILogger logger)
{
    private long _sent;

    public async Task RunAsync(string conversationId, long watermark, CancellationToken stopping)
    {
        _sent = watermark;
        var appended = Channel.CreateUnbounded<LoggedUtf8Activity>(new UnboundedChannelOptions { SingleReader = true });

        // Subscribe before replaying, so nothing appended in between is missed; duplicates are dropped by sequence.
        using var subscription = await log.SubscribeAsync(conversationId, a => appended.Writer.TryWrite(a), stopping);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var receiving = ReceiveUntilClosedAsync(closing);

        // One keep-alive timer for the stream's life, re-armed before each wait, and one batch list: a frame used to
        // cost a timer, a linked token source, a task for the wait and a list, each linked from the stream's
        // long-lived objects until the next collection.
        var idle = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        var batch = new List<LoggedUtf8Activity>();
        try
        {
            await CatchUpAsync(conversationId, long.MaxValue, closing.Token);
            while (!closing.IsCancellationRequested)
            {
                idle.CancelAfter(options.KeepAliveInterval);
                try
                {
                    await appended.Reader.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!closing.IsCancellationRequested)
                {
                    // Idle for the interval: an empty frame keeps proxies from closing the socket.
                    idle.Dispose();
                    idle = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
                    await SendAsync(ReadOnlyMemory<byte>.Empty, closing.Token);
                    continue;
                }

                batch.Clear();
                while (batch.Count < options.MaxActivitiesPerRead && appended.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await ForwardAsync(conversationId, batch, closing.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            logger.LogDebug("Stream for conversation {ConversationId} ended: {Reason}", conversationId, ex.Message);
        }
        finally
        {
            idle.Dispose();
            await closing.CancelAsync();
            await receiving;
            await CloseAsync(stopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure);
        }
    }

    private async Task ForwardAsync(string conversationId, List<LoggedUtf8Activity> batch, CancellationToken cancellationToken)
    {
        // Usually the batch is already the next activities in order; otherwise sort out the ones sent and the order.
        var fresh = IsAscendingAfter(batch, _sent) ? batch : batch.Where(a => a.Sequence > _sent).OrderBy(a => a.Sequence).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        // A gap means a notification was lost or reordered: fill it from the log, which is the truth.
        if (fresh[0].Sequence != _sent + 1 || fresh[^1].Sequence - fresh[0].Sequence != fresh.Count - 1)
        {
            await CatchUpAsync(conversationId, fresh[^1].Sequence, cancellationToken);
            return;
        }

        await SendSetAsync(fresh, cancellationToken);
    }

    private static bool IsAscendingAfter(List<LoggedUtf8Activity> batch, long sent)
    {
        foreach (var activity in batch)
        {
            if (activity.Sequence <= sent)
            {
                return false;
            }

            sent = activity.Sequence;
        }

        return true;
    }

    private async Task CatchUpAsync(string conversationId, long upTo, CancellationToken cancellationToken)
    {
        while (_sent < upTo)
        {
            var page = await log.ReadUtf8Async(conversationId, _sent, options.MaxActivitiesPerRead, cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            await SendSetAsync(page, cancellationToken);
            if (page.Count < options.MaxActivitiesPerRead)
            {
                return;
            }
        }
    }

    /// <summary>Sends the activities, in order and without gaps after the last sent, as one frame at the last one's watermark.</summary>
    private async Task SendSetAsync(IReadOnlyList<LoggedUtf8Activity> activities, CancellationToken cancellationToken)
    {
        using (var frame = ActivitySetWriter.Rent(activities, activities[^1].Sequence))
        {
            await SendAsync(frame.Memory, cancellationToken);
        }

        _sent = activities[^1].Sequence;
    }

    private ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>
    /// The client only ever sends keep-alives (""); read and drop them until it closes, then stop the sending loop.
    /// </summary>
    private async Task ReceiveUntilClosedAsync(CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The socket went away, or the stream is stopping.
        }
        finally
        {
            // Also after the client's close, which returns from the loop: the sending loop answers it and ends.
            await closing.CancelAsync();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(status, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Already gone.
        }
    }
}

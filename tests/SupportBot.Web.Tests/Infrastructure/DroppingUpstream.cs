using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// An upstream for nginx that takes each connection and the request on it, then closes it without an answer: what
/// nginx meets when a process stopping for a restart closes a keep-alive connection a request is already on. Not
/// listening until <see cref="Start"/>, so nginx can first be started and a conversation opened without it.
/// </summary>
public sealed class DroppingUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    public DroppingUpstream()
    {
        Port = TestPorts.Next();
        _listener = new TcpListener(IPAddress.Loopback, Port);
    }

    public int Port { get; }

    public string Authority => $"127.0.0.1:{Port}";

    /// <summary>The request line of every request it dropped ("POST /v3/... HTTP/1.1").</summary>
    public ConcurrentQueue<string> Dropped { get; } = new();

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = DropAsync(socket);
        }
    }

    private async Task DropAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[16 * 1024];
            var received = new StringBuilder();
            try
            {
                // Read the whole head, so nginx has certainly sent the request, then close with the body unread.
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var count = await socket.ReceiveAsync(buffer, SocketFlags.None);
                    if (count == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, count));
                }
            }
            catch (SocketException)
            {
                return;
            }

            var text = received.ToString();
            Dropped.Enqueue(text[..text.IndexOf("\r\n", StringComparison.Ordinal)]);
        }
    }
}

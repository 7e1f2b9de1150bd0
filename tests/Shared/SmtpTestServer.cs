using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SupportBot.Tests;

/// <summary>
/// A real SMTP server for *ServerTests that send mail: Debian's aiosmtpd (python3-aiosmtpd, which ./test.sh
/// installs) on a free local port, printing every message it receives, which the test reads back. Under CI a
/// missing aiosmtpd fails the test; elsewhere it skips with how to get one.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Command = "/usr/bin/aiosmtpd";
    private const string EndOfMessage = "------------ END MESSAGE ------------";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private SmtpTestServer(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { lock (_gate) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>Everything the server printed: the messages it received, headers and body.</summary>
    public string Received
    {
        get { lock (_gate) { return _output.ToString(); } }
    }

    public static async Task<SmtpTestServer> StartAsync()
    {
        if (!File.Exists(Command))
        {
            var problem = $"{Command} is missing (apt-get install python3-aiosmtpd; ./test.sh installs it)";
            if (RedisTestServer.IsCi)
            {
                Assert.Fail($"CI=true and there is no SMTP server for the mail tests: {problem}");
            }

            Assert.Skip(problem);
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Command, ["-n", "-l", $"127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONUNBUFFERED"] = "1"; // print each message as it comes, not when a buffer fills
        var server = new SmtpTestServer(Process.Start(start)!, port);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived, and returns what was printed.</summary>
    public async Task<string> WaitForMessagesAsync(int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var received = Received;
            if (CountOf(received, EndOfMessage) >= count)
            {
                return received;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the SMTP server got {CountOf(Received, EndOfMessage)} of {count} message(s): {Received}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"aiosmtpd did not listen on port {Port} (exited: {_process.HasExited}).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

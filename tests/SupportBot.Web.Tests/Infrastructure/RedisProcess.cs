using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A redis-server of a test's own, on a free loopback port, that the test may stop and start again. It keeps an
/// append-only file in a temporary folder, as production would, so its data survives the restart.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _executable;
    private readonly string _folder = Directory.CreateTempSubdirectory("supportbot-redis-").FullName;
    private Process? _process;

    private RedisProcess(string executable, int port)
    {
        _executable = executable;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts one; without redis-server the test fails under CI=true and is skipped elsewhere.</summary>
    public static async Task<RedisProcess> StartAsync()
    {
        var executable = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
        if (executable is null)
        {
            var problem = "redis-server is not on PATH; this test starts and restarts its own.";
            if (RedisTestServer.IsCi)
            {
                Assert.Fail($"CI=true and {problem}");
            }

            Assert.Skip(problem);
        }

        var redis = new RedisProcess(executable!, TestPorts.Next());
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_executable)
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--dir", _folder, "--appendonly", "yes", "--appendfsync", "always", "--save", "",
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CommandAsync("PING") != "+PONG")
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, "redis-server did not start");
            await Task.Delay(50);
        }
    }

    /// <summary>SHUTDOWN NOSAVE: Redis goes away at once (the append-only file keeps what it acknowledged).</summary>
    public async Task ShutdownAsync()
    {
        await CommandAsync("SHUTDOWN NOSAVE");
        await _process!.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// The built server started as its own operating-system process, for what only separate processes prove:
/// surviving a restart, and two servers sharing one Redis.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Client = new DirectLineTestClient(new HttpClient { BaseAddress = new Uri(baseUrl) }, TestApp.Secret);
    }

    public string BaseUrl { get; }

    public DirectLineTestClient Client { get; }

    public int Port => new Uri(BaseUrl).Port;

    /// <param name="settings">More configuration, as "Section:Key" (passed as environment variables).</param>
    /// <param name="port">The port to listen on (a restarted process behind a load balancer keeps its own); a free one if not given.</param>
    public static async Task<ServerProcess> StartAsync(string redisKeyPrefix, IReadOnlyDictionary<string, string?>? settings = null, int? port = null)
    {
        var dll = RepositoryPaths.WebDll;
        Assert.True(File.Exists(dll), $"Build the server first: {dll} is missing.");
        port ??= TestPorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--contentRoot", RepositoryPaths.WebContentRoot, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Redis__ConnectionString"] = RedisTestServer.Configuration,
                ["Redis__KeyPrefix"] = redisKeyPrefix,
                ["DirectLine__Secret"] = TestApp.Secret,
                ["Bot__DialogsPath"] = RepositoryPaths.Dialogs,
                ["Logging__LogLevel__Default"] = "Warning",
                ["WarmUp__Turns"] = "0", // WarmUpServerTests runs it; every other test starts cold and quick
                ["Agents__SignInsPerMinutePerClient"] = "1000",
                ["Archive__Settle"] = "00:00:00", // tests read the archive right after a turn
                ["Archive__WorkerNice"] = "0", // a niced worker would lag behind the test on a loaded machine
                ["Archive__SqlitePath"] = Path.Combine(Path.GetTempPath(), $"supportbot-test-archive-{Guid.NewGuid():N}.db"),
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var server = new ServerProcess(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            // The caller never gets the server to dispose: end it here, or it outlives the test run.
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Ends the process at once, as a crash or a kill would: nothing gets to flush or say goodbye.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as a rolling restart or a service manager sends it, then waits until the process has exited.</summary>
    public async Task StopGracefullyAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // a restart that failed leaves the old one in its cluster's list, disposed already
        }

        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // several servers starting at once on a busy machine
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"The server exited early:\n{Output}");
            try
            {
                if ((await Client.Http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The server did not become healthy in 60 s:\n{Output}");
    }

    /// <summary>What the process wrote (its log, Warning and above in these tests), for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// nginx with deploy/nginx.conf (filled in by deploy/start-nginx.sh, as deploy/run-cluster.sh does) in front of real
/// server processes sharing one Redis: what only a load balancer without sticky sessions proves. Without nginx the
/// test fails under CI=true and is skipped elsewhere, as with Redis.
/// </summary>
public sealed class NginxCluster : IAsyncDisposable
{
    private readonly string _runDirectory = Directory.CreateTempSubdirectory("supportbot-nginx-").FullName;
    private readonly string _prefix;
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly ServerProcess[] _servers;
    private readonly IReadOnlyList<string> _alsoUpstream;
    private Process? _nginx;

    private NginxCluster(string prefix, IReadOnlyDictionary<string, string?>? settings, ServerProcess[] servers, IReadOnlyList<string> alsoUpstream)
    {
        _prefix = prefix;
        _settings = settings;
        _servers = servers;
        _alsoUpstream = alsoUpstream;
        BaseUrl = $"http://127.0.0.1:{TestPorts.Next()}";
        Client = new DirectLineTestClient(new HttpClient { BaseAddress = new Uri(BaseUrl) }, TestApp.Secret);
    }

    /// <summary>nginx's address: where a browser or a client goes.</summary>
    public string BaseUrl { get; }

    public DirectLineTestClient Client { get; }

    public IReadOnlyList<ServerProcess> Servers => _servers;

    /// <param name="alsoUpstream">More upstream servers ("127.0.0.1:PORT") after the processes, e.g. a <see cref="DroppingUpstream"/>.</param>
    public static async Task<NginxCluster> StartAsync(
        int processes = 3, IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyList<string>? alsoUpstream = null)
    {
        RequireNginx();
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        var servers = await Task.WhenAll(Enumerable.Range(0, processes).Select(_ => ServerProcess.StartAsync(prefix, settings)));
        var cluster = new NginxCluster(prefix, settings, servers, alsoUpstream ?? []);
        try
        {
            await cluster.StartNginxAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>kill -9 of one process: its sockets drop, its turns in progress are cut short.</summary>
    public Task KillAsync(int index) => _servers[index].KillAsync();

    /// <summary>SIGTERM of one process, waiting until it has gone, then the same process started again on its port.</summary>
    public async Task RestartAsync(int index)
    {
        await _servers[index].StopGracefullyAsync();
        await _servers[index].DisposeAsync();
        _servers[index] = await ServerProcess.StartAsync(_prefix, _settings, _servers[index].Port);
    }

    /// <summary>The ports of the processes nginx passed the requests whose request line contains <paramref name="text"/> to (its access log).</summary>
    public IReadOnlySet<int> UpstreamPortsOf(string text)
    {
        var ports = new HashSet<int>();
        foreach (var line in File.ReadLines(Path.Combine(_runDirectory, "access.log")).Where(l => l.Contains(text, StringComparison.Ordinal)))
        {
            // "... upstream=127.0.0.1:PORT ..." (or several, comma-separated, when nginx tried more than one)
            var upstreams = line[(line.IndexOf("upstream=", StringComparison.Ordinal) + "upstream=".Length)..].Split(' ')[0];
            foreach (var address in upstreams.Split(", "))
            {
                if (int.TryParse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    ports.Add(port);
                }
            }
        }

        return ports;
    }

    /// <summary>nginx's error log so far (why it answered 502, which upstream it gave up on): for a failing test's message.</summary>
    public string ErrorLog()
    {
        var path = Path.Combine(_runDirectory, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no error.log)";
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true); // its workers too, or they would keep the port
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Client.Dispose();
        Directory.Delete(_runDirectory, recursive: true);
    }

    private static void RequireNginx()
    {
        if ((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, "nginx"))))
        {
            return;
        }

        const string problem = "nginx is not on PATH (Debian: apt-get install nginx); this test puts it in front of the servers.";
        if (RedisTestServer.IsCi)
        {
            Assert.Fail($"CI=true and {problem}");
        }

        Assert.Skip(problem);
    }

    private async Task StartNginxAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Root, "deploy", "start-nginx.sh"), _runDirectory, new Uri(BaseUrl).Authority },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var server in _servers)
        {
            start.ArgumentList.Add(new Uri(server.BaseUrl).Authority);
        }

        foreach (var upstream in _alsoUpstream)
        {
            start.ArgumentList.Add(upstream);
        }

        _nginx = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_nginx.HasExited, $"nginx exited: {await _nginx.StandardError.ReadToEndAsync()}");
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

            await Task.Delay(50);
        }

        Assert.Fail("nginx did not answer /healthz in 20 s.");
    }
}

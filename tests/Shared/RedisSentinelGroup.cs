using System.Diagnostics;
using System.Globalization;

namespace SupportBot.Tests;

/// <summary>
/// Redis with failover, as production would run it, on private ports and temporary folders: Debian's redis-server as
/// primary and replicas, and three redis-sentinel processes watching them (quorum 2). Sentinel is tuned to act fast
/// (down after 1 s) so a test's failover takes a few seconds. Without redis-server or redis-sentinel the test fails
/// under CI=true and is skipped elsewhere.
/// </summary>
public sealed class RedisSentinelGroup : IAsyncDisposable
{
    public const string ServiceName = "supportbot";

    private readonly string _folder = Directory.CreateTempSubdirectory("supportbot-sentinel-").FullName;
    private readonly Dictionary<int, Process> _processes = [];
    private readonly List<int> _sentinels = [];
    private int _killed;

    private RedisSentinelGroup()
    {
    }

    public int PrimaryPort { get; private set; }

    /// <summary>The replicas' ports; the first is the one a test cuts off or expects promoted when there is one.</summary>
    public List<int> ReplicaPorts { get; } = [];

    /// <summary>The StackExchange.Redis configuration string a server is given: the sentinels and the service name.</summary>
    public string ConnectionString =>
        string.Join(",", _sentinels.Select(p => $"127.0.0.1:{p}")) + $",serviceName={ServiceName}";

    /// <param name="freePort">Hands out a port nobody listens on, a different one each call.</param>
    /// <param name="replicas">How many replicas: with two, the new primary still has one after a failover.</param>
    public static async Task<RedisSentinelGroup> StartAsync(Func<int> freePort, int replicas = 1)
    {
        foreach (var tool in new[] { "redis-server", "redis-sentinel", "redis-cli" })
        {
            if (Which(tool) is null)
            {
                var problem = $"{tool} is not on PATH; this test starts a primary, a replica and three sentinels (apt packages redis-server, redis-sentinel).";
                if (RedisTestServer.IsCi)
                {
                    Assert.Fail($"CI=true and {problem}");
                }

                Assert.Skip(problem);
            }
        }

        var group = new RedisSentinelGroup();
        try
        {
            group.PrimaryPort = freePort();
            await group.StartRedisAsync(group.PrimaryPort);
            for (var i = 0; i < replicas; i++)
            {
                var port = freePort();
                group.ReplicaPorts.Add(port);
                await group.StartRedisAsync(port, "--replicaof", "127.0.0.1", Text(group.PrimaryPort));
            }

            for (var i = 0; i < 3; i++)
            {
                await group.StartSentinelAsync(freePort());
            }

            await group.WaitUntilWatchedAsync();
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9 of the primary: no goodbye to its clients, its replica or the sentinels.</summary>
    public async Task KillPrimaryAsync()
    {
        var primary = _processes[PrimaryPort];
        primary.Kill();
        await primary.WaitForExitAsync();
        _killed = PrimaryPort;
    }

    /// <summary>
    /// Starts the killed primary again, empty, as a replica of the promoted one (as a process supervisor would bring
    /// it back) and returns once it is in sync, so the group has as many replicas as before the failover.
    /// </summary>
    public async Task RestartKilledAsReplicaAsync()
    {
        Assert.True(_killed != 0 && _killed != PrimaryPort, "RestartKilledAsReplicaAsync follows KillPrimaryAsync and WaitForPromotionAsync.");
        _processes.Remove(_killed, out var dead);
        dead?.Dispose();
        await StartRedisAsync(_killed, "--replicaof", "127.0.0.1", Text(PrimaryPort));
        ReplicaPorts.Add(_killed);
        await WaitForAsync(_killed, "INFO replication", "master_link_status:up");
        _killed = 0;
    }

    /// <summary>Waits until the sentinels name a replica as the primary and it says so itself; from then on it takes writes.</summary>
    public async Task WaitForPromotionAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var named = await CliAsync(_sentinels[0], "SENTINEL", "get-master-addr-by-name", ServiceName);
            var promoted = ReplicaPorts.FirstOrDefault(p => named.EndsWith("\n" + Text(p), StringComparison.Ordinal));
            if (promoted != 0 && (await CliAsync(promoted, "ROLE")).StartsWith("master", StringComparison.Ordinal))
            {
                ReplicaPorts.Remove(promoted);
                PrimaryPort = promoted;
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The sentinels did not promote a replica within {within.TotalSeconds} s (they name {named}).");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Every replica stops taking what the primary sends, as a slow or partitioned replica would: each sleeps
    /// (DEBUG SLEEP) for <paramref name="seconds"/>, and the primary drops its links to them, so what it acknowledges
    /// from now on exists nowhere else until they are back. Returns when the links are down; the task it gives
    /// ends when the replicas wake.
    /// </summary>
    public async Task<Task> CutReplicasOffAsync(double seconds)
    {
        var sleeping = Task.WhenAll(ReplicaPorts.Select(p => CliAsync(p, "DEBUG", "SLEEP", seconds.ToString(CultureInfo.InvariantCulture))));
        await Task.Delay(300); // the sleeps have begun
        await CliAsync(PrimaryPort, "CLIENT", "KILL", "TYPE", "replica");
        return sleeping;
    }

    /// <summary>Runs redis-cli against one of the group's ports and returns what it printed.</summary>
    public static async Task<string> CliAsync(int port, params string[] command)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-p", Text(port), .. command])
        {
            start.ArgumentList.Add(arg);
        }

        using var cli = Process.Start(start)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return output.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartRedisAsync(int port, params string[] more)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_folder, Text(port))).FullName;
        Start("redis-server", port, ["--port", Text(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--enable-debug-command", "local", "--repl-diskless-sync-delay", "0", .. more]);
        await WaitForAsync(port, "PING", "PONG");
    }

    private async Task StartSentinelAsync(int port)
    {
        // Sentinel rewrites its configuration file as it learns the group, so each has its own.
        var config = Path.Combine(_folder, $"sentinel-{port}.conf");
        await File.WriteAllLinesAsync(config,
        [
            $"port {port}",
            "bind 127.0.0.1",
            $"dir {_folder}",
            $"sentinel monitor {ServiceName} 127.0.0.1 {PrimaryPort} 2",
            $"sentinel down-after-milliseconds {ServiceName} 1000",
            $"sentinel failover-timeout {ServiceName} 3000",
            $"sentinel parallel-syncs {ServiceName} 1",
        ]);
        Start("redis-sentinel", port, [config]);
        _sentinels.Add(port);
        await WaitForAsync(port, "PING", "PONG");
    }

    /// <summary>Until the replicas are in sync and every sentinel knows them and the two other sentinels.</summary>
    private async Task WaitUntilWatchedAsync()
    {
        foreach (var replica in ReplicaPorts)
        {
            await WaitForAsync(replica, "INFO replication", "master_link_status:up");
        }

        foreach (var sentinel in _sentinels)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var master = (await CliAsync(sentinel, "SENTINEL", "master", ServiceName)).Split('\n').Select(l => l.Trim()).ToList();
                if (Field(master, "num-other-sentinels") == "2" && Field(master, "num-slaves") == Text(ReplicaPorts.Count))
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Sentinel {sentinel} did not find the replicas and the other sentinels within 20 s.");
                await Task.Delay(100);
            }
        }
    }

    private static string? Field(List<string> lines, string name)
    {
        var at = lines.IndexOf(name);
        return at >= 0 && at + 1 < lines.Count ? lines[at + 1] : null;
    }

    private void Start(string tool, int port, string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        _processes[port] = process;
    }

    private async Task WaitForAsync(int port, string command, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await CliAsync(port, command.Split(' '))).Contains(expected, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_processes[port].HasExited, $"Redis on port {port} did not answer {command} with {expected}.");
            await Task.Delay(50);
        }
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}

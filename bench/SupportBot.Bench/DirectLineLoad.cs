using System.Diagnostics;

namespace SupportBot.Bench;

/// <summary>
/// Drives many Direct Line conversations against a running server and measures turn latency. Open loop by
/// default: each conversation sends on its own fixed schedule whatever the server's speed, so a slow server
/// shows up as latency and late sends rather than as a politely lower send rate.
/// </summary>
internal static class DirectLineLoad
{
    private static readonly TimeSpan DrainPeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);
    private const int SetupParallelism = 16;

    public static async Task<int> RunAsync(DirectLineSettings settings)
    {
        // With --json, stdout carries only the JSON object; everything for people goes to stderr.
        var people = settings.Json ? Console.Error : Console.Out;
        using var http = CreateHttpClient(settings.Conversations);
        var probe = new ServerProbe(settings.ServerPids, settings.RedisInfo, http, settings.BaseUrl);
        var beforeSetup = await probe.SampleAsync();

        Console.Error.WriteLine($"Starting {settings.Conversations} conversations at {settings.BaseUrl} ...");
        ConversationClient[] clients;
        try
        {
            clients = await StartConversationsAsync(http, settings);
        }
        catch (BenchSetupException ex)
        {
            Console.Error.WriteLine($"Setup against {settings.BaseUrl} failed: {ex.Message}");
            return 1;
        }

        try
        {
            Console.Error.WriteLine($"Warming up {settings.WarmupSeconds} s, then measuring {settings.DurationSeconds} s ...");
            var startedAt = DateTimeOffset.UtcNow;
            using var runOver = new CancellationTokenSource();
            var memory = settings is { ServerPids: { Count: > 0 } pids, RssEverySeconds: { } every } ? new MemorySeries(pids, TimeSpan.FromSeconds(every)) : null;
            var sampling = memory?.RunAsync(runOver.Token) ?? Task.CompletedTask;
            var run = await DriveAsync(clients, settings, probe);
            await runOver.CancelAsync();
            await sampling;
            var report = BenchReport.Create(settings, startedAt, run, beforeSetup);
            report.WriteTable(people);
            memory?.Write(people, settings.WarmupSeconds, settings.WarmupSeconds + settings.DurationSeconds);
            if (settings.Json)
            {
                Console.Out.WriteLine(report.ToJson());
            }

            return 0;
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// One connection pool for every conversation's POSTs, big enough that no turn queues for a connection and
    /// never recycled mid-run, so connection setup is not part of any turn's latency.
    /// </summary>
    public static HttpClient CreateHttpClient(int conversations) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = Math.Max(256, conversations),
        UseCookies = false,
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    internal static async Task<ConversationClient[]> StartConversationsAsync(HttpClient http, DirectLineSettings settings)
    {
        var clients = new ConversationClient?[settings.Conversations];
        using var timeout = new CancellationTokenSource(SetupTimeout);
        try
        {
            // A few at a time: a burst of a hundred starts would measure the server's start-up path, not turns.
            await Parallel.ForEachAsync(
                Enumerable.Range(0, settings.Conversations),
                new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = timeout.Token },
                async (i, cancellationToken) => clients[i] = await ConversationSetup.StartAsync(http, settings, i, cancellationToken));
            return clients.Select(c => c!).ToArray();
        }
        catch (Exception ex)
        {
            await Task.WhenAll(clients.OfType<ConversationClient>().Select(c => c.DisposeAsync().AsTask()));
            if (ex is OperationCanceledException && timeout.IsCancellationRequested)
            {
                throw new BenchSetupException($"Starting the conversations took longer than {SetupTimeout.TotalSeconds} s.", ex);
            }

            throw;
        }
    }

    private static async Task<RunFigures> DriveAsync(ConversationClient[] clients, DirectLineSettings settings, ServerProbe probe)
    {
        var start = Stopwatch.GetTimestamp();
        var schedule = TurnSchedule.Start(settings, start);
        var windowStart = SampleAtAsync(probe, schedule.MeasureFrom);
        using var runOver = new CancellationTokenSource();
        var cpuBySecond = probe.CpuBySecondAsync(runOver.Token);
        var machineBefore = MachineLoad.Read();
        var clientCpuBefore = Environment.CpuUsage.TotalTime;

        // Outstanding turns get the drain period after the last send; whatever is still waiting then is a timeout.
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(settings.WarmupSeconds + settings.DurationSeconds) + DrainPeriod);

        // Random first sends spread the conversations over one interval so they do not all fire together; the
        // fixed seed gives the same spread every run.
        var random = new Random(20261122);
        var firstSends = clients.Select(_ => start + (long)(random.NextDouble() * schedule.Interval)).ToArray();
        var tallies = await Task.WhenAll(clients.Select((c, i) => Task.Run(() => ConversationLoop.RunAsync(c, schedule, start, firstSends[i], drain.Token))));
        var windowEnd = await probe.SampleAsync();
        await runOver.CancelAsync();

        var lastReply = tallies.Max(t => t.LastReplyAt);
        var measured = lastReply > schedule.MeasureFrom
            ? Stopwatch.GetElapsedTime(schedule.MeasureFrom, lastReply).TotalSeconds
            : settings.DurationSeconds;
        var clientCpu = (Environment.CpuUsage.TotalTime - clientCpuBefore) / (Stopwatch.GetElapsedTime(start) * Environment.ProcessorCount) * 100;
        return new RunFigures(tallies, measured, MachineLoad.BusyPercent(machineBefore, MachineLoad.Read()), clientCpu, await windowStart, windowEnd, await cpuBySecond);
    }

    private static async Task<ServerSample?> SampleAtAsync(ServerProbe probe, long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        return await probe.SampleAsync();
    }
}

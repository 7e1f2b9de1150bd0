namespace SupportBot.Bench;

/// <summary>What the probe saw at one moment: the server process, its Redis and its collections, each null when not watched.</summary>
internal sealed record ServerSample(ProcessFigures? Process, RedisFigures? Redis, GcCounters? Gc = null);

/// <summary>
/// Watches the server under load from outside, when told its process ids (--server-pid, same machine; several
/// processes count as one) and its Redis (--redis-info): sampled before setup, at the start of the measured window
/// and after the last reply. With a server process watched, its /metrics too (<paramref name="metricsUrl"/>): the
/// garbage collector's pauses, when the server has the runtime meter (a server without one, the bare turn, has none).
/// </summary>
internal sealed class ServerProbe(IReadOnlyList<int> serverPids, string? redis, HttpClient? http = null, string? metricsUrl = null)
{
    public bool IsOn => serverPids.Count > 0 || redis is not null;

    public async Task<ServerSample?> SampleAsync(CancellationToken cancellationToken = default)
    {
        if (!IsOn)
        {
            return null;
        }

        var process = ProcessFigures.Read(serverPids);
        var redisFigures = redis is not null ? await RedisFigures.ReadAsync(redis, cancellationToken) : null;
        var gc = process is not null && http is not null && metricsUrl is not null ? await GcCounters.ReadAsync(http, metricsUrl, cancellationToken) : null;
        return new ServerSample(process, redisFigures, gc);
    }

    /// <summary>
    /// The server's CPU ms in each second until cancelled (empty without --server-pid). Beside replies per second
    /// it shows when the process is warm even on a busy machine: CPU per turn stops falling once the JIT is done.
    /// </summary>
    public async Task<IReadOnlyList<double>> CpuBySecondAsync(CancellationToken stop)
    {
        var seconds = new List<double>();
        if (ProcessFigures.Read(serverPids) is not { } first)
        {
            return seconds;
        }

        var last = first.CpuMs;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop) && ProcessFigures.Read(serverPids) is { } now)
            {
                seconds.Add(now.CpuMs - last);
                last = now.CpuMs;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        return seconds;
    }
}

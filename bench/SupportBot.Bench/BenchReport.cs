using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Bench;

/// <summary>The figures of one Direct Line run, printed as a table for people and as JSON for scripts.</summary>
internal sealed record BenchReport(
    int Cores,
    string Os,
    string Cpu,
    string Runtime,
    DateTimeOffset DateUtc,
    string Url,
    string Tokens,
    int Conversations,
    string Mode,
    double TargetRate,
    double WarmupSeconds,
    double DurationSeconds,
    double MeasuredSeconds,
    long TurnsCompleted,
    double TurnsPerSecond,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? MaxMs,
    long Errors,
    long HttpErrors,
    long SocketErrors,
    long Timeouts,
    long LateSends,
    double? MachineCpuPercent,
    double ClientCpuPercent,
    IReadOnlyList<int> RepliesBySecond,
    IReadOnlyList<double>? ServerCpuMsBySecond,
    ServerFigures? Server)
{
    private const string OpenLoop = "open-loop";
    private const string ClosedLoop = "closed-loop";

    public static BenchReport Create(DirectLineSettings settings, DateTimeOffset startedAt, RunFigures run, ServerSample? beforeSetup = null)
    {
        var (tallies, measuredSeconds) = (run.Tallies, run.MeasuredSeconds);
        var latencies = tallies.SelectMany(t => t.LatenciesMs).ToList();
        var stats = LatencyStats.From(latencies);
        var httpErrors = tallies.Sum(t => t.HttpErrors);
        var socketErrors = tallies.Sum(t => t.SocketErrors);
        return new BenchReport(
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            MachineDescription.Cpu,
            RuntimeInformation.FrameworkDescription,
            startedAt,
            settings.BaseUrl,
            settings.Secret is null ? "widget/session" : "tokens/generate",
            settings.Conversations,
            settings.IsClosedLoop ? ClosedLoop : OpenLoop,
            settings.Rate,
            settings.WarmupSeconds,
            settings.DurationSeconds,
            Math.Round(measuredSeconds, 3),
            latencies.Count,
            Math.Round(latencies.Count / measuredSeconds, 1),
            Round(stats.P50),
            Round(stats.P90),
            Round(stats.P99),
            Round(stats.Max),
            httpErrors + socketErrors,
            httpErrors,
            socketErrors,
            tallies.Sum(t => t.Timeouts),
            tallies.Sum(t => t.LateSends),
            run.MachineCpuPercent is { } machine ? Math.Round(machine, 1) : null,
            Math.Round(run.ClientCpuPercent, 1),
            SumBySecond(tallies),
            run.ServerCpuMsBySecond is { Count: > 0 } cpu ? cpu : null,
            ServerFigures.Create(beforeSetup, run.WindowStart, run.WindowEnd, latencies.Count));
    }

    private static int[] SumBySecond(IReadOnlyList<TurnTally> tallies)
    {
        var sums = new int[tallies.Count == 0 ? 0 : tallies.Max(t => t.RepliesBySecond.Count)];
        foreach (var tally in tallies)
        {
            for (var i = 0; i < tally.RepliesBySecond.Count; i++)
            {
                sums[i] += tally.RepliesBySecond[i];
            }
        }

        return sums;
    }

    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Default.BenchReport);

    public void WriteTable(TextWriter output)
    {
        var target = Mode == ClosedLoop ? "closed loop (each conversation sends on every reply)" : $"open loop at {N(TargetRate)} turns/s";
        output.WriteLine($"Direct Line load: {Conversations} conversations, {target}");
        output.WriteLine($"  machine      {Cores} cores, {Cpu}, {Os}, {Runtime}");
        output.WriteLine($"  date (UTC)   {DateUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        output.WriteLine($"  url          {Url} (tokens from {Tokens})");
        output.WriteLine($"  measured     {N(MeasuredSeconds)} s after {N(WarmupSeconds)} s warmup (asked for {N(DurationSeconds)} s)");
        output.WriteLine($"  turns        {TurnsCompleted.ToString("N0", CultureInfo.InvariantCulture)} completed, {N(TurnsPerSecond)} turns/s");
        output.WriteLine($"  latency ms   p50 {N(P50Ms)}  p90 {N(P90Ms)}  p99 {N(P99Ms)}  max {N(MaxMs)}");
        output.WriteLine($"  errors       {Errors} ({HttpErrors} HTTP, {SocketErrors} socket)");
        output.WriteLine($"  timeouts     {Timeouts}");
        output.WriteLine($"  late sends   {LateSends}");
        output.WriteLine($"  cpu          machine {N(MachineCpuPercent)}% busy, this benchmark {N(ClientCpuPercent)}% (of all {Cores} cores)");
        if (Server is { } server)
        {
            output.WriteLine($"  server       {N(server.CpuMsPerTurn)} ms CPU a turn; RSS {N(server.RssAtStartMb)} MB before setup, {N(server.RssAtEndMb)} MB at the end, {N(server.PeakRssMb)} MB peak");
            var commands = server.RedisCallsPerTurnByCommand is { } byCommand
                ? " (" + string.Join(", ", byCommand.Select(c => $"{c.Key} {N(c.Value)}")) + ")"
                : "";
            output.WriteLine($"  redis        {N(server.RedisCallsPerTurn)} calls a turn{commands}; {N(server.RedisCpuMsPerTurn)} ms CPU a turn");
            if (server.GcPausedMsPerSecond is not null)
            {
                output.WriteLine($"  gc           {N(server.GcPausedMsPerSecond)} ms paused a second, {N(server.GcCollectionsPerSecond)} collections a second");
            }
        }
    }

    private static double? Round(double? milliseconds) => milliseconds is { } value ? Math.Round(value, 2) : null;

    private static string N(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class ReportJson : JsonSerializerContext;

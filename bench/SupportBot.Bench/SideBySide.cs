using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Bench;

/// <summary>One server's two runs: the first 10 s of a fresh process (cold) and the run after a warm-up (warm).</summary>
internal sealed record ServerRuns(BenchReport Cold, BenchReport Warm)
{
    /// <summary>Cold throughput as a share of warm: how far a freshly started process is from its warm speed.</summary>
    public double? ColdToWarm => SideBySide.Ratio(Cold.TurnsPerSecond, Warm.TurnsPerSecond);
}

/// <summary>SupportBot / bare for the warm runs (cold throughput too): the figures that hold across machines.</summary>
internal sealed record Ratios(double? TurnsPerSecond, double? ServerCpuMsPerTurn, double? P99Ms, double? RedisCallsPerTurn, double? ColdTurnsPerSecond);

/// <summary>
/// What bench/run-directline.sh prints at the end: SupportBot's cold and warm runs and, with --vs-bare, the bare
/// turn's beside them with the ratios SupportBot/bare.
/// </summary>
internal sealed record SideBySide(ServerRuns SupportBot, ServerRuns? Bare, Ratios? SupportBotToBare)
{
    public static SideBySide Create(ServerRuns supportBot, ServerRuns? bare) => new(
        supportBot,
        bare,
        bare is null ? null : new Ratios(
            Ratio(supportBot.Warm.TurnsPerSecond, bare.Warm.TurnsPerSecond),
            Ratio(supportBot.Warm.Server?.CpuMsPerTurn, bare.Warm.Server?.CpuMsPerTurn),
            Ratio(supportBot.Warm.P99Ms, bare.Warm.P99Ms),
            Ratio(supportBot.Warm.Server?.RedisCallsPerTurn, bare.Warm.Server?.RedisCallsPerTurn),
            Ratio(supportBot.Cold.TurnsPerSecond, bare.Cold.TurnsPerSecond)));

    /// <summary>a / b to three places; null when either is missing or b is not positive.</summary>
    public static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? Math.Round(x / y, 3) : null;

    /// <summary>Reads the reports the benchmark wrote with --json; the error names the file that would not do.</summary>
    public static BenchReport Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ReportJson.Default.BenchReport)
                ?? throw new BenchSetupException($"{path} holds no report.");
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new BenchSetupException($"Cannot read the report {path}: {ex.Message}", ex);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, SideBySideJson.Default.SideBySide);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(SideBySide))]
internal sealed partial class SideBySideJson : JsonSerializerContext;
